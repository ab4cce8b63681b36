import type { DeliveryStatus } from './notice.types';

/** How one send ended, as the provider adapter reports it (SmsResult without its payload). */
export type SendResultKind = 'sent' | 'rejected' | 'failed' | 'unknown';

export interface RetryRule {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The wait after the n-th failed attempt (counting from 1). */
  delayAfter(attempt: number): number;
}

export interface SendOutcome {
  status: DeliveryStatus;
  /** Set when the delivery waits for another attempt. */
  retryAt?: Date;
}

/**
 * What a delivery becomes after an attempt. Only `failed` (it never reached the provider, or the
 * provider said to try later) is retried; `unknown` is not, because the text may be on the
 * phone already and a party must never get it twice.
 */
export function afterAttempt(
  result: SendResultKind,
  attempt: number,
  now: Date,
  rule: RetryRule,
): SendOutcome {
  switch (result) {
    case 'sent':
      return { status: 'SENT' };
    case 'rejected':
      return { status: 'FAILED' };
    case 'unknown':
      return { status: 'UNCERTAIN' };
    case 'failed':
      return attempt >= rule.maxAttempts
        ? { status: 'FAILED' }
        : { status: 'PENDING', retryAt: new Date(now.getTime() + rule.delayAfter(attempt)) };
  }
}

/**
 * Why a text is not sent to a party at all ('' when it is): reminders the party turned off, or no
 * mobile to send to. Decided when the notice is handed out and again just before sending, as the
 * party's wishes or numbers may have changed in between.
 */
export function skipReason(reminder: boolean, remindersOff: boolean, mobile: string): string {
  if (reminder && remindersOff) return 'the party turned reminders off';
  return mobile ? '' : 'no mobile number';
}
