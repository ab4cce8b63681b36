// What the notification service tells the parties, as plain data (no store, no wire types).

/** Every text a party can receive; each has a template per language (templates/). */
export const NOTICE_KEYS = [
  'application-received',
  'case-accepted',
  'case-rejected',
  'session-scheduled',
  'session-tomorrow',
  'agreement-ready',
  'agreement-reached',
  'confirmation-window',
  'instalment-due',
  'confirmation-result',
  'referral-outcome',
  'follow-up',
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

/** Every text the service sends: the notices, and the one-time code of a phone check. */
export const TEXT_KEYS = [...NOTICE_KEYS, 'phone-code'] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

/**
 * Reminders: helpful, not required by law, so a party may turn them off. Decisions on the case
 * (accepted, rejected, results) are always sent: the parties have a right to know them.
 */
export const REMINDERS: ReadonlySet<NoticeKey> = new Set<NoticeKey>([
  'session-tomorrow',
  'instalment-due',
  'confirmation-window',
  'follow-up',
]);

export type Language = 'zh' | 'en';

/** A template's variables in both languages (case number, committee, times: no personal data). */
export type NoticeParams = Readonly<Record<Language, Readonly<Record<string, string>>>>;

/** One notice an event leads to, before it is sent to each recipient. */
export interface PlannedNotice {
  key: NoticeKey;
  /** The parties to tell; empty: every party of the case. */
  partyIds: readonly string[];
  params: NoticeParams;
  /** When to send it (before quiet hours are applied). */
  dueAt: Date;
  /**
   * A later plan in the same slot replaces this one while it waits (a session moved: the old
   * reminder goes).
   */
  slot?: string;
  /** The session it is about (session notices), carried to the delivery and its NoticeSent. */
  sessionId?: string;
}

/** A party's wishes for one case. */
export interface PartyPreferences {
  remindersOff: boolean;
  language: Language;
}

export const DEFAULT_PREFERENCES: PartyPreferences = { remindersOff: false, language: 'zh' };

export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN' | 'SKIPPED';
