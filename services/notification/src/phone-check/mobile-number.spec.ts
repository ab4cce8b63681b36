import { mobileOf } from './mobile-number';

describe('mobileOf', () => {
  it('reads a mobile as people type it, and nothing else', () => {
    expect(mobileOf(' 138-1234-5678 ')).toBe('13812345678');
    expect(mobileOf('+8613812345678')).toBe('13812345678');
    expect(mobileOf('0411-82345678')).toBeUndefined();
    expect(mobileOf('1381234567')).toBeUndefined();
  });
});
