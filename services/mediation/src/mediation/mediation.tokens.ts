import type { LegalRules } from './domain';

/** Nest injection tokens of the mediation module. */
export const MEDIATION_OPTIONS = Symbol('MEDIATION_OPTIONS');

/** The service's clock: injectable so tests can move time (deadlines). */
export type Clock = () => Date;

export interface MediationOptions {
  clock: Clock;
  rules: LegalRules;
  intakeTopic: string;
  mediationTopic: string;
  consumerGroup: string;
  deadlinePollIntervalMs: number;
  outboxPollIntervalMs: number;
}
