// Nest injection tokens of the referral service, and what tests may replace.
import type { OrgDirectory } from '@mediation/org-directory';
import type { SlaPolicy } from './referral/domain/sla-policy';
import type { CaseFactsStore } from './referral/persistence/case-facts.store';
import type { DeskRosterRepository } from './referral/persistence/desk-roster.repository';
import type { ReferralRepository } from './referral/persistence/referral.repository';
import type { IntakeCasesPort } from './referral/ports/intake-cases.port';
import type { MediationFailuresPort } from './referral/ports/mediation-failures.port';

/** `() => Date`: injectable so that tests can move time (SLA deadlines). */
export const CLOCK = Symbol('CLOCK');
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
export const SLA_POLICY = Symbol('SLA_POLICY');
export const INTAKE_CASES = Symbol('INTAKE_CASES');
export const MEDIATION_FAILURES = Symbol('MEDIATION_FAILURES');
/** The mongoose models of referrals and desk rosters. */
export const REFERRAL_MODEL = Symbol('REFERRAL_MODEL');
export const ROSTER_MODEL = Symbol('ROSTER_MODEL');
/** ReferralDeps: what the commands and queries work with. */
export const REFERRAL_DEPS = Symbol('REFERRAL_DEPS');

export type Clock = () => Date;

/**
 * What the referral's commands, queries and event handlers work with, handed to them as one
 * argument (they are plain functions, not Nest providers).
 */
export interface ReferralDeps {
  referrals: ReferralRepository;
  rosters: DeskRosterRepository;
  caseFacts: CaseFactsStore;
  intake: IntakeCasesPort;
  /** The committee's handover written with a failed mediation's referral request. */
  mediationFailures: MediationFailuresPort;
  clock: Clock;
  policy: SlaPolicy;
  directory: OrgDirectory;
  /** BACKFILL_ENABLED of the configuration: events may carry their real, older time. */
  backfillEnabled: boolean;
}

/** What tests (and only tests) replace: the clock and the ways to intake and the mediation. */
export interface ReferralOverrides {
  clock?: Clock;
  intake?: IntakeCasesPort;
  mediationFailures?: MediationFailuresPort;
}
