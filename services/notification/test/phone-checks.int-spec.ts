// Phone checks (the party app's sign-in) against the real FerretDB, texting through the SMS
// provider's stand-in over HTTP: a code proves its number once; wrong, expired and used codes get
// the same refusal; codes cannot be asked for too often; ten wrong codes lock the number out;
// nothing kept names the number or the code.
import { status } from '@grpc/grpc-js';
import { commonV1, fromTimestamp, notificationV1 } from '@mediation/contracts';
import { NotificationHarness, principals } from './support/notification-harness';

const gateway = () =>
  commonV1.Principal.fromPartial({
    subject: 'service:gateway',
    roles: [commonV1.Role.ROLE_SERVICE],
  });

let seq = 0;
/** A fresh mobile per test, so that no two share limits or texts. */
const mobile = () =>
  `137${String(Date.now() % 1e6).padStart(6, '0')}${String(seq++ % 100).padStart(2, '0')}`;

const codeOf = (h: NotificationHarness, phone: string, nth = -1): string => {
  const texts = h.textsTo(phone);
  const text = texts.at(nth)?.text ?? '';
  const code = /验证码为(\d{6})|code is (\d{6})/.exec(text);
  if (!code) throw new Error(`no code texted to the number (${texts.length} texts)`);
  return code[1] ?? code[2]!;
};

const codeOfError = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: { code?: number }) => status[e.code ?? -1] ?? String(e.code),
  );

describe('phone checks', () => {
  let h: NotificationHarness;

  beforeAll(async () => {
    h = await NotificationHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    h.clockShiftMs = 0;
  });

  const start = (phone: string, language = notificationV1.NoticeLanguage.NOTICE_LANGUAGE_ZH) =>
    h.call('startPhoneCheck', { mobile: phone, language }, gateway());
  const prove = (checkId: string, phone: string, code: string) =>
    h.call('provePhone', { checkId, mobile: phone, code }, gateway());
  const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

  it('texts a code that proves the number once, and never again', async () => {
    const phone = mobile();
    const { checkId, expiresAt, resendAfter } = await start(
      ` ${phone.slice(0, 3)}-${phone.slice(3)}`,
    );
    expect(+fromTimestamp(expiresAt!) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(+fromTimestamp(resendAfter!) - Date.now()).toBeGreaterThan(50_000);
    expect(h.textsTo(phone)).toEqual([
      expect.objectContaining({ templateCode: 'SMS_MEDIATION_PHONE_CODE_ZH', outId: checkId }),
    ]);
    const code = codeOf(h, phone);
    expect(await prove(checkId, phone, code)).toEqual({ mobile: phone });
    // A replay of the same code (a used check) is refused like a wrong one.
    expect(await codeOfError(prove(checkId, phone, code))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a wrong code, an expired one and another number with the same words', async () => {
    const phone = mobile();
    const { checkId } = await start(phone, notificationV1.NoticeLanguage.NOTICE_LANGUAGE_EN);
    const code = codeOf(h, phone);
    expect(h.textsTo(phone)[0]!.templateCode).toBe('SMS_MEDIATION_PHONE_CODE_EN');
    const refusals: string[] = [];
    for (const attempt of [
      () => prove(checkId, phone, wrong(code)),
      () => prove(checkId, mobile(), code),
      () => prove('no-such-check', phone, code),
    ])
      refusals.push(
        await attempt().then(
          () => 'OK',
          (e: Error & { code: number }) => `${e.code} ${e.message}`,
        ),
      );
    expect(new Set(refusals).size).toBe(1);
    expect(refusals[0]).toMatch(/^3 .*wrong, has expired or was already used/);
    h.clockShiftMs = 5 * 60_000 + 1_000;
    expect(await codeOfError(prove(checkId, phone, code))).toBe('INVALID_ARGUMENT');
  });

  it('sends no second code within a minute, nor more than five an hour', async () => {
    const phone = mobile();
    await start(phone);
    expect(await codeOfError(start(phone))).toBe('RESOURCE_EXHAUSTED');
    for (let i = 1; i < 5; i++) {
      h.clockShiftMs = i * 61_000;
      await start(phone);
    }
    h.clockShiftMs = 5 * 61_000;
    expect(await codeOfError(start(phone))).toBe('RESOURCE_EXHAUSTED');
    expect(h.textsTo(phone)).toHaveLength(5);
  });

  it('lets only one of several requests at the same moment through', async () => {
    const phone = mobile();
    const answers = await Promise.all(Array.from({ length: 6 }, () => codeOfError(start(phone))));
    expect(answers.filter((a) => a === 'OK')).toHaveLength(1);
    expect(answers.filter((a) => a === 'RESOURCE_EXHAUSTED')).toHaveLength(5);
    expect(h.textsTo(phone)).toHaveLength(1);
  });

  it('locks the number out after ten wrong codes in a row, even against the right code', async () => {
    const phone = mobile();
    const first = await start(phone);
    const firstCode = codeOf(h, phone);
    // Five wrong tries spend a check; the next five go against a second one.
    for (let i = 0; i < 5; i++)
      expect(await codeOfError(prove(first.checkId, phone, wrong(firstCode)))).toBe(
        'INVALID_ARGUMENT',
      );
    h.clockShiftMs = 61_000;
    const second = await start(phone);
    const code = codeOf(h, phone);
    for (let i = 0; i < 4; i++)
      expect(await codeOfError(prove(second.checkId, phone, wrong(code)))).toBe('INVALID_ARGUMENT');
    expect(await codeOfError(prove(second.checkId, phone, wrong(code)))).toBe('RESOURCE_EXHAUSTED');
    expect(await codeOfError(prove(second.checkId, phone, code))).toBe('RESOURCE_EXHAUSTED');
    expect(await codeOfError(start(phone))).toBe('RESOURCE_EXHAUSTED');
    // Thirty minutes on, the lockout is over; the spent checks stay spent.
    h.clockShiftMs = 61_000 + 30 * 60_000;
    expect(await codeOfError(prove(second.checkId, phone, code))).toBe('INVALID_ARGUMENT');
    const third = await start(phone);
    expect(await prove(third.checkId, phone, codeOf(h, phone))).toEqual({ mobile: phone });
  });

  it('refuses bad input, and callers other than the gateway', async () => {
    expect(await codeOfError(start('12345'))).toBe('INVALID_ARGUMENT');
    expect(await codeOfError(start('0411-82345678'))).toBe('INVALID_ARGUMENT');
    expect(await codeOfError(prove('x', mobile(), '12345'))).toBe('INVALID_ARGUMENT');
    expect(
      await codeOfError(h.call('startPhoneCheck', { mobile: mobile() }, principals.mediator())),
    ).toBe('PERMISSION_DENIED');
  });

  it('answers UNAVAILABLE when the provider cannot take the text, and a later ask works', async () => {
    const phone = mobile();
    h.sms.failNext(1, 'isp.SYSTEM_ERROR', 500);
    expect(await codeOfError(start(phone))).toBe('UNAVAILABLE');
    h.clockShiftMs = 61_000;
    const { checkId } = await start(phone);
    expect(await prove(checkId, phone, codeOf(h, phone))).toEqual({ mobile: phone });
  });

  it('keeps neither numbers nor codes', async () => {
    const phone = mobile();
    await start(phone);
    const code = codeOf(h, phone);
    const stored = JSON.stringify([
      await h.db.collection('phone_checks').find({}).toArray(),
      await h.db.collection('phone_limits').find({}).toArray(),
    ]);
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(phone.slice(3));
    expect(stored).not.toContain(`"${code}"`);
  });
});
