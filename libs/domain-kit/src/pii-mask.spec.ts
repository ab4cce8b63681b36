import { maskAddress, maskIdNumber, maskPersonName, maskPhone } from './pii-mask';

describe('PII masks', () => {
  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('21020219900101123X')).toBe('2102**********123X');
    expect(maskIdNumber('E1234567')).toBe('******67');
  });

  it('masks the middle of mobiles and landlines', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0411-82345678')).toBe('0411-****5678');
  });

  it('keeps the surname of a person only', () => {
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('李')).toBe('李');
  });

  it('keeps an address down to the street', () => {
    expect(maskAddress('大连市中山区元滩街道光景社区12号楼')).toBe('大连市中山区元滩****');
  });
});
