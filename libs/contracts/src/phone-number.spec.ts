import { isCanonicalMobile, mobileNumberOf, normalisePhone } from './phone-number';

describe('normalisePhone', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['+86 138 1234 5678', 'mobile', '13812345678'],
    ['0411-82345678', 'landline', '0411-82345678'],
    ['041182345678', 'landline', '0411-82345678'],
    ['(010) 6123 4567', 'landline', '010-61234567'],
    ['0411-82345678-123', 'landline', '0411-82345678-123'],
  ])('accepts %s', (raw, kind, value) => {
    expect(normalisePhone(raw)).toEqual({ kind, value });
  });

  it.each(['12812345678', '138123456789', '82345678', '0411-8234ABCD', '{"$gt": ""}', ''])(
    'rejects %s',
    (raw) => {
      expect(normalisePhone(raw)).toBeUndefined();
    },
  );
});

describe('mobileNumberOf', () => {
  it('reads a mobile as people type it, and nothing else', () => {
    expect(mobileNumberOf(' 138-1234-5678 ')).toBe('13812345678');
    expect(mobileNumberOf('+8613812345678')).toBe('13812345678');
    expect(mobileNumberOf('0411-82345678')).toBeUndefined();
    expect(mobileNumberOf('1381234567')).toBeUndefined();
  });
});

describe('isCanonicalMobile', () => {
  it('takes only the 11 digits themselves', () => {
    expect(isCanonicalMobile('13812345678')).toBe(true);
    expect(isCanonicalMobile('+8613812345678')).toBe(false);
    expect(isCanonicalMobile('138 1234 5678')).toBe(false);
    expect(isCanonicalMobile('12812345678')).toBe(false);
    expect(isCanonicalMobile('')).toBe(false);
  });
});
