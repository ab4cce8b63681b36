import type { LegalRules } from './mediation/domain';

/** Nest injection tokens of the mediation module. */
export const MEDIATION_OPTIONS = Symbol('MEDIATION_OPTIONS');
/** The org directory, so tests and services share one instance per process. */
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
/** The mediations' collection (one model for the repository and its outbox relay). */
export const MEDIATION_MODEL = Symbol('MEDIATION_MODEL');
/** What seals personal data at rest (the agreement's parties and PDF), from PII_ENCRYPTION_KEY. */
export const SEALER = Symbol('SEALER');

/** The service's clock: injectable so tests can move time (deadlines). */
export type Clock = () => Date;

export interface MediationOptions {
  clock: Clock;
  /** BACKFILL_ENABLED: administrators may date commands in the past (x-recorded-at). */
  backfillEnabled: boolean;
  rules: LegalRules;
  intakeTopic: string;
  referralTopic: string;
  mediationTopic: string;
  consumerGroup: string;
  /** The referral-events consumer's own group (derived from the intake consumer's). */
  referralConsumerGroup: string;
  deadlinePollIntervalMs: number;
  /** BACKFILL_TIMER_HOLD_MS: the deadline poller leaves a backfilled mediation alone this long. */
  backfillTimerHoldMs: number;
  outboxPollIntervalMs: number;
}
