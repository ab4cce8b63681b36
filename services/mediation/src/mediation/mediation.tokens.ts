import type { LegalRules } from './domain';

/** Nest injection tokens of the mediation module. */
export const MEDIATION_OPTIONS = Symbol('MEDIATION_OPTIONS');

/** The service's clock: injectable so tests can move time (deadlines). */
export type Clock = () => Date;

export interface MediationOptions {
  clock: Clock;
  /** BACKFILL_ENABLED: administrators may date commands in the past (x-recorded-at). */
  backfillEnabled?: boolean;
  rules: LegalRules;
  intakeTopic: string;
  referralTopic: string;
  mediationTopic: string;
  consumerGroup: string;
  /** The referral-events consumer's own group (derived from the intake consumer's). */
  referralConsumerGroup: string;
  deadlinePollIntervalMs: number;
  outboxPollIntervalMs: number;
}
