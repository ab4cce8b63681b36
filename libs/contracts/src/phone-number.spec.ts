import { normalisePhone } from './phone-number';

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
