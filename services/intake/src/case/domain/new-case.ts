import {
  CASE_STATUS,
  type ActorState,
  type CaseState,
  type OrgPlacement,
  type StoredParty,
} from './case.entity';
import { numberingYear } from './case-number';
import { disputeKeys, partyIdentities } from './dispute-keys';
import { isMassDispute, type MassDisputeThresholds } from './mass-dispute';

/** A registration, already checked and mapped: parties sealed, the org unit placed. */
export interface NewCaseInput {
  /** "<subject>␟<key>" (idempotencyScope) for a keyed request, else the case id. */
  idempotencyScope: string;
  source: number;
  channel: number;
  platformLevel: number;
  referringInstitution: { code: string; type: number } | null;
  externalReference: string;
  referralId: string;
  placement: OrgPlacement;
  category: number;
  parties: StoredParty[];
  peopleInvolved: number;
  amountFen: number;
  description: string;
  risk: CaseState['risk'];
  disputeStartedAt: Date | null;
  entrustedTermDueAt: Date | null;
  registeredBy: ActorState;
  /** The registration time: the clock, or the backfilled time. */
  at: Date;
}

export interface NewCaseRules {
  massDispute: MassDisputeThresholds;
  /** The keyed hash dispute keys are made with (they must not reveal identities). */
  hash: (text: string) => string;
}

/**
 * What a newly registered case looks like: REGISTERED, numbered later (the number is allocated
 * at the insert, see CaseNumberSequence), in the numbering year of its registration, with its
 * mass-dispute flag and dispute keys, no duplicate links, amendments or withdrawal yet.
 */
export function newCase(input: NewCaseInput, rules: NewCaseRules): CaseState {
  const { placement, at } = input;
  return {
    caseNumber: '',
    committeeCode: placement.committee.code,
    numberYear: numberingYear(at),
    numberSeq: 0,
    idempotencyScope: input.idempotencyScope,
    status: CASE_STATUS.REGISTERED,
    source: input.source,
    channel: input.channel,
    platformLevel: input.platformLevel,
    referringInstitution: input.referringInstitution,
    externalReference: input.externalReference,
    referralId: input.referralId,
    orgUnitCode: placement.orgUnitCode,
    orgUnitLevel: placement.orgUnitLevel,
    orgPath: placement.orgPath,
    committee: placement.committee,
    category: input.category,
    parties: input.parties,
    peopleInvolved: input.peopleInvolved,
    amountFen: input.amountFen,
    currencyCode: 'CNY',
    massDispute: isMassDispute(input.peopleInvolved, input.amountFen, rules.massDispute),
    description: input.description,
    risk: input.risk,
    disputeStartedAt: input.disputeStartedAt,
    entrustedTermDueAt: input.entrustedTermDueAt,
    registeredAt: at,
    registeredBy: input.registeredBy,
    updatedAt: at,
    disputeKeys: disputeKeys(input.category, partyIdentities(input.parties), rules.hash),
    duplicateOfCaseId: '',
    duplicateCaseIds: [],
    amendments: [],
    withdrawnAt: null,
    withdrawalReason: '',
  };
}
