import { codeIn, codeTextsTo, resendWaitMs } from './phone-codes';
import type { SentText } from './platform';

const text = (phone: string, templateCode: string, body: string, time: string): SentText => ({
  time,
  bizId: 'b',
  outId: null,
  phone,
  templateCode,
  text: body,
});

const A = '13900000001';
const code = text(
  A,
  'SMS_MEDIATION_PHONE_CODE_ZH',
  '【调解】您的验证码为123456，5分钟内有效',
  '2026-12-06T10:00:00.000Z',
);
const notice = text(
  A,
  'SMS_MEDIATION_CASE_REGISTERED_ZH',
  '您的案件已登记',
  '2026-12-06T10:00:01.000Z',
);
const english = text(
  A,
  'SMS_MEDIATION_PHONE_CODE_EN',
  'Your code is 654321, valid',
  '2026-12-06T10:00:30.000Z',
);
const otherPhone = text(
  '13900000002',
  'SMS_MEDIATION_PHONE_CODE_ZH',
  '您的验证码为000000',
  '2026-12-06T10:00:02.000Z',
);

describe('phone codes in the SMS stand-in log', () => {
  it('keeps the code texts to the number, oldest first, whatever came after them', () => {
    expect(codeTextsTo([code, notice, otherPhone, english], A)).toEqual([code, english]);
  });

  it('reads the code of either language and nothing from another text', () => {
    expect(codeIn(code)).toBe('123456');
    expect(codeIn(english)).toBe('654321');
    expect(codeIn(notice)).toBeUndefined();
    expect(codeIn(undefined)).toBeUndefined();
  });

  it('waits a minute and a second after the last code, and not at all before the first', () => {
    const last = Date.parse(english.time);
    expect(resendWaitMs([code, english], last + 1_000)).toBe(60_000);
    expect(resendWaitMs([code, english], last + 61_000)).toBe(0);
    expect(resendWaitMs([], last)).toBe(0);
  });
});
