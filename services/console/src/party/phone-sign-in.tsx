import { useContext, useEffect, useState, type FormEvent } from 'react';
import { LangContext, useT } from '../i18n';
import { PartyProblem } from './party-problem';
import { partyApi, partySession } from './party-session';
import { CodeButtons, CodeInput } from './one-time-code';

interface Check {
  checkId: string;
  mobile: string;
  resendAfter: number;
}

/**
 * Signing in by phone: a code is texted to the number, and typed back. The page says the same
 * whatever the number, so it tells no one who has cases.
 */
export function PhoneSignIn() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [expired] = useState(() => partySession.takeExpired());
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!check) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [check]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const sendCode = (e?: FormEvent) => {
    e?.preventDefault();
    return run(async () => {
      const out = await partyApi<{ checkId: string; resendAfter: string }>(
        'POST',
        '/phone-checks',
        { mobile, language: lang },
      );
      setCheck({ checkId: out.checkId, mobile, resendAfter: Date.parse(out.resendAfter) });
      setCode('');
    });
  };
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      const out = await partyApi<{ accessToken: string }>('POST', '/sessions', {
        checkId: check!.checkId,
        mobile: check!.mobile,
        code,
      });
      partySession.set(out.accessToken);
    });
  };
  const wait = check ? Math.max(0, Math.ceil((check.resendAfter - now) / 1000)) : 0;

  return (
    <section className="card stack" aria-labelledby="party-sign-in">
      <h1 id="party-sign-in">{t('partyAppTitle')}</h1>
      <p>{t('partyAppLead')}</p>
      {expired && <p role="status">{t('partySessionEnded')}</p>}
      {!check ? (
        <form onSubmit={sendCode} data-step="mobile">
          <label>
            {t('mobileNumber')}
            <input
              name="mobile"
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              required
              maxLength={20}
              value={mobile}
              onChange={(e) => setMobile(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || !mobile.trim()}>
            {t('sendCode')}
          </button>
        </form>
      ) : (
        <form onSubmit={confirm} data-step="code">
          <p role="status">
            {t('codeSentTo')} {check.mobile}
          </p>
          <label>
            {t('smsCode')}
            <CodeInput name="code" code={code} setCode={setCode} />
          </label>
          <CodeButtons
            submit="confirmCode"
            code={code}
            busy={busy}
            wait={wait}
            resend={() => void sendCode()}
          >
            <button type="button" className="link" onClick={() => setCheck(null)}>
              {t('otherNumber')}
            </button>
          </CodeButtons>
        </form>
      )}
      <PartyProblem error={error} />
      <p className="hint">{t('codeNote')}</p>
    </section>
  );
}
