import type { ReactNode } from 'react';
import { useT, type Key } from '../i18n';

/** The six digits of a texted code, as phones offer to fill them in. */
export function CodeInput({
  name,
  code,
  setCode,
  autoFocus,
}: {
  name: string;
  code: string;
  setCode: (code: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <input
      name={name}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="\d{6}"
      maxLength={6}
      required
      autoFocus={autoFocus}
      value={code}
      onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
    />
  );
}

/** Submit once six digits are in; "send again" after the wait the service asked for. */
export function CodeButtons({
  submit,
  code,
  busy,
  wait,
  resend,
  children,
}: {
  submit: Key;
  code: string;
  busy: boolean;
  wait: number;
  resend: () => void;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="buttons">
      <button type="submit" disabled={busy || code.length !== 6}>
        {t(submit)}
      </button>
      <button type="button" className="secondary" disabled={busy || wait > 0} onClick={resend}>
        {wait > 0 ? `${wait} ${t('resendIn')}` : t('resend')}
      </button>
      {children}
    </div>
  );
}
