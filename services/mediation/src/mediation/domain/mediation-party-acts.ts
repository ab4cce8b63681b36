import { createHash } from 'node:crypto';
import { maskPhone } from '@mediation/domain-kit';
import { begin } from './mediation-lifecycle';
import { principalPartyIds } from './mediation-consent';
import {
  agreedObligations,
  assertAgreementContent,
  assertMayAgree,
  reachAgreement,
  type AgreementInput,
} from './mediation-outcome';
import { InvalidInputError, NotPermittedError, RuleViolationError } from './mediation.errors';
import type { DomainEvent, StepContext, StepResult } from './mediation.step';
import type {
  AgreementProposal,
  ConsentSubject,
  MediationState,
  Money,
  Obligation,
  SessionAnswer,
  StatusMatter,
} from './mediation.types';

/** ConsentMethod.CONSENT_METHOD_ONLINE: by the party itself, after proving its phone by a code. */
export const ONLINE_METHOD = 4;

/** What a party may consent to or refuse itself; a term extension is agreed with the committee. */
export const PARTY_CONSENT_SUBJECTS: readonly ConsentSubject[] = [
  'MEDIATION',
  'MEDIATOR',
  'PARTICIPANT',
  'PUBLIC_SESSION',
];

/** The longest note a party may send with a session answer. */
export const MAX_SESSION_NOTE_LENGTH = 500;

/**
 * A party acting for itself must be one of this mediation's parties: the gateway names the party
 * ids of the caller's proven phone, and this service checks each is on the case.
 */
export function assertActingParty(state: MediationState, partyId: string): void {
  if (!partyId) throw new InvalidInputError('party_id', 'a party id is required');
  if (!state.parties.some((p) => p.partyId === partyId))
    throw new NotPermittedError(`${partyId} is not a party of this mediation`);
}

/**
 * The method of a party's own act: always ONLINE. Another method named by a party is refused
 * (it would claim the committee saw a paper or heard the party).
 */
export function onlineMethod(given: number): number {
  if (given !== 0 && given !== ONLINE_METHOD)
    throw new InvalidInputError('method', 'a party records its own consent or refusal online');
  return ONLINE_METHOD;
}

/** Staff record what a party told them: ONLINE is only ever the party's own act. */
export function staffConsentMethod(given: number): number {
  if (given === ONLINE_METHOD)
    throw new InvalidInputError('method', "online is the party's own act in the parties' app");
  return given;
}

/** The party's own consent or refusal: only its own, of the subjects a party decides, online. */
export function partyConsentMethod(
  state: MediationState,
  input: { partyId: string; subject: ConsentSubject; method: number },
): number {
  assertActingParty(state, input.partyId);
  if (!PARTY_CONSENT_SUBJECTS.includes(input.subject))
    throw new InvalidInputError('subject', `a party cannot record ${input.subject} itself`);
  return onlineMethod(input.method);
}

export interface AgreementContent {
  facts: string;
  issues: string;
  responsibilities: string;
  obligations: Pick<
    Obligation,
    | 'obligorPartyId'
    | 'obligeePartyId'
    | 'kind'
    | 'description'
    | 'amount'
    | 'manner'
    | 'dueAt'
    | 'instalments'
  >[];
  otherTerms: string;
  statusMatters: StatusMatter[];
  partyIds: string[];
}

const moneyText = (m: Money | null) => (m ? [m.currencyCode, m.amountFen] : null);
const dateText = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * SHA-256 (hex) of what the parties read, in a fixed order and form (arrays, not objects, so no
 * key order can change it): a signature binds to this very content, and any change of a word,
 * amount, date or party gives another hash. Internal ids are left out: the parties never see them.
 */
export function agreementContentHash(c: AgreementContent): string {
  const canonical = JSON.stringify([
    'mediation-agreement/v1',
    c.facts,
    c.issues,
    c.responsibilities,
    c.obligations.map((o) => [
      o.obligorPartyId,
      o.obligeePartyId,
      o.kind,
      o.description,
      moneyText(o.amount),
      o.manner,
      dateText(o.dueAt),
      o.instalments.map((x) => [x.number, moneyText(x.amount), dateText(x.dueAt)]),
    ]),
    c.otherTerms,
    [...c.statusMatters].sort(),
    [...c.partyIds].sort(),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ProposalInput = Omit<AgreementInput, 'form' | 'effectiveAt' | 'signedPartyIds'>;

/**
 * A written agreement, signed by the lead mediator, put to the applicants and respondents to sign
 * online (art. 29: it takes effect once every party has signed). The checks are ReachAgreement's,
 * with the dues checked against now; the mediation stays IN_PROGRESS. A new proposal replaces one
 * not yet signed by all, and its signatures go with it: they were given to other words.
 */
export function proposeAgreement(
  current: MediationState,
  input: ProposalInput,
  ctx: StepContext,
): StepResult {
  const state = begin('ProposeAgreement', current);
  assertMayAgree(state, 'WRITTEN');
  assertAgreementContent(input);
  const partyIds = principalPartyIds(state);
  if (partyIds.length === 0)
    throw new RuleViolationError('the case names no applicant or respondent to sign');
  const obligations = agreedObligations(input.obligations, ctx.now, ctx);
  const statusMatters = [...new Set(input.statusMatters ?? [])];
  const proposal: AgreementProposal = {
    proposalId: ctx.newId(),
    facts: input.facts,
    issues: input.issues,
    responsibilities: input.responsibilities,
    obligations,
    otherTerms: input.otherTerms,
    statusMatters,
    contentHash: agreementContentHash({ ...input, obligations, statusMatters, partyIds }),
    proposedAt: ctx.now,
    proposedBy: ctx.actor,
    partyIds,
    signatures: [],
  };
  state.agreementProposal = proposal;
  return {
    state,
    events: [
      {
        name: 'AgreementProposed',
        data: {
          proposalId: proposal.proposalId,
          contentHash: proposal.contentHash,
          partyIds,
        },
      },
    ],
  };
}

export interface SignatureInput {
  partyId: string;
  proposalId: string;
  contentHash: string;
  proofId: string;
  /** The mobile the party proved; only its masked form enters the state. */
  mobile: string;
}

/**
 * A party signs the proposal it was shown, online. The proposal and its hash must be the current
 * ones (a changed proposal is read again before signing); each party signs once. The last
 * signature makes the agreement take effect in the same step, as ReachAgreement with form WRITTEN
 * signed by every party at that moment, recorded by the mediator who proposed it.
 */
export function signAgreement(
  current: MediationState,
  input: SignatureInput,
  ctx: StepContext,
): StepResult {
  const state = begin('SignAgreement', current);
  if (!ctx.byParty) throw new NotPermittedError('only the party itself signs the agreement online');
  assertActingParty(state, input.partyId);
  const proposal = state.agreementProposal;
  if (!proposal) throw new RuleViolationError('no agreement is awaiting signatures');
  if (!proposal.partyIds.includes(input.partyId))
    throw new InvalidInputError('party_id', `${input.partyId} is not asked to sign this agreement`);
  if (!input.proofId) throw new InvalidInputError('proof_id', 'the phone check is required');
  if (input.proposalId !== proposal.proposalId || input.contentHash !== proposal.contentHash)
    throw new RuleViolationError('the agreement changed, read it again');
  if (proposal.signatures.some((s) => s.partyId === input.partyId))
    throw new RuleViolationError(`${input.partyId} has already signed this agreement`);
  proposal.signatures.push({
    partyId: input.partyId,
    signedAt: ctx.now,
    method: ONLINE_METHOD,
    // What the mediation shows and publishes of the proven mobile: "138****0000".
    mobileMasked: maskPhone(input.mobile),
    contentHash: proposal.contentHash,
    proofId: input.proofId,
  });
  const signed = new Set(proposal.signatures.map((s) => s.partyId));
  const awaitingPartyIds = proposal.partyIds.filter((p) => !signed.has(p));
  const signedEvent: DomainEvent = {
    name: 'AgreementSigned',
    data: {
      proposalId: proposal.proposalId,
      partyId: input.partyId,
      method: ONLINE_METHOD,
      signedAt: ctx.now,
      awaitingPartyIds,
    },
  };
  if (awaitingPartyIds.length > 0) return { state, events: [signedEvent] };
  return takeEffect(state, proposal, signedEvent, ctx);
}

function takeEffect(
  state: MediationState,
  proposal: AgreementProposal,
  signedEvent: DomainEvent,
  ctx: StepContext,
): StepResult {
  let reached: StepResult;
  try {
    reached = reachAgreement(
      state,
      {
        form: 'WRITTEN',
        facts: proposal.facts,
        issues: proposal.issues,
        responsibilities: proposal.responsibilities,
        obligations: proposal.obligations.map(({ status: _s, ...o }) => o),
        otherTerms: proposal.otherTerms,
        effectiveAt: ctx.now,
        signedPartyIds: proposal.partyIds,
        statusMatters: proposal.statusMatters,
      },
      ctx,
    );
  } catch (error) {
    // A due date passed while the parties signed: the terms cannot take effect as written.
    if (error instanceof InvalidInputError)
      throw new RuleViolationError(
        `the agreement cannot take effect as proposed (${error.message}): the mediator proposes it again`,
      );
    throw error;
  }
  // The mediator recorded and signed it (art. 29); the party's signature completed it.
  reached.state.agreement!.recordedBy = proposal.proposedBy;
  return { state: reached.state, events: [signedEvent, ...reached.events] };
}

export interface SessionAnswerInput {
  partyId: string;
  sessionId: string;
  answer: SessionAnswer;
  note: string;
}

/**
 * A party answers a scheduled session that is still ahead: it will attend, or asks to move it
 * (saying why and when would suit). Answers are kept in order; a party may change its answer and
 * the latest counts.
 */
export function respondToSession(
  current: MediationState,
  input: SessionAnswerInput,
  ctx: StepContext,
): StepResult {
  const state = begin('RespondToSession', current);
  if (!ctx.byParty) throw new NotPermittedError('only the party itself answers a session');
  assertActingParty(state, input.partyId);
  if (!input.sessionId) throw new InvalidInputError('session_id', 'is required');
  const session = state.sessions.find((s) => s.sessionId === input.sessionId);
  if (!session) throw new InvalidInputError('session_id', `no session ${input.sessionId}`);
  if (!session.scheduledAt || session.heldAt)
    throw new RuleViolationError(`session ${input.sessionId} is not awaiting the parties`);
  if (new Date(session.scheduledAt).getTime() <= ctx.now.getTime())
    throw new RuleViolationError(`session ${input.sessionId} was due already`);
  const note = input.note.trim();
  if (input.answer === 'ASKS_TO_MOVE' && !note)
    throw new InvalidInputError('note', 'say why, and when would suit');
  if (note.length > MAX_SESSION_NOTE_LENGTH)
    throw new InvalidInputError('note', `at most ${MAX_SESSION_NOTE_LENGTH} characters`);
  session.responses = [
    ...(session.responses ?? []),
    {
      partyId: input.partyId,
      answer: input.answer,
      note,
      answeredAt: ctx.now,
      method: ONLINE_METHOD,
    },
  ];
  return {
    state,
    events: [
      {
        name: 'SessionResponseRecorded',
        data: {
          sessionId: session.sessionId,
          partyId: input.partyId,
          answer: input.answer,
          scheduledAt: session.scheduledAt,
        },
      },
    ],
  };
}
