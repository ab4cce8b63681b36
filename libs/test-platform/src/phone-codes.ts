import type { SentText } from './platform';

/** The start of the notification service's one-time code templates (`phone-code`, zh and en). */
const CODE_TEMPLATE = 'SMS_MEDIATION_PHONE_CODE';
/** The notification service's one code a minute per number (PHONE_CHECK_RULES), with a second to spare. */
const RESEND_AFTER_MS = 61_000;

/**
 * The one-time code texts among `texts` that went to `mobile`, oldest first. Only those: a notice
 * of the person's case (its registration, a session) may reach the same number just before or
 * after a code, so the newest text to a number is not always its code.
 */
export const codeTextsTo = (texts: readonly SentText[], mobile: string): SentText[] =>
  texts.filter((t) => t.phone === mobile && t.templateCode.startsWith(CODE_TEMPLATE));

/** The six-digit code a code text carries, in either language; undefined for any other text. */
export function codeIn(text: SentText | undefined): string | undefined {
  const m = text ? /验证码为(\d{6})|code is (\d{6})/.exec(text.text) : null;
  return m ? (m[1] ?? m[2]) : undefined;
}

/** How long, in ms, until the number of these code texts may be texted a new code (0: now). */
export function resendWaitMs(codes: readonly SentText[], now = Date.now()): number {
  const last = codes.at(-1);
  return last ? Math.max(0, Date.parse(last.time) + RESEND_AFTER_MS - now) : 0;
}
