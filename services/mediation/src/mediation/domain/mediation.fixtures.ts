// Test fixtures for the domain specs (no I/O): a clock, ids and mediations in every status.
import { accept, closeMediation, createMediation, reject } from './mediation-lifecycle';
import { recordConsent, recordRefusal } from './mediation-consent';
import { assignMediators, scheduleSession } from './mediation-conduct';
import { proposeAgreement, type ProposalInput } from './mediation-party-acts';
import { fail, reachAgreement, type AgreementInput } from './mediation-outcome';
import { DEFAULT_RULES, DAY_MS, type StepContext } from './mediation.step';
import type { MediationState, MediationStatus } from './mediation.types';
import type { CommitteeRoster, RosterMember } from './committee-roster';
import type { RecordSessionInput } from './mediation-conduct';

export const T0 = new Date('2026-03-02T08:00:00Z');
export const A = 'p-a';
export const B = 'p-b';

export function ctxAt(now: Date = T0): StepContext {
  let n = 0;
  return {
    now,
    actor: { subject: 'u-1', role: 2, orgUnitCode: '210202002001', displayName: '调解员' },
    newId: () => `id-${++n}`,
    rules: DEFAULT_RULES,
  };
}

export const later = (days: number) => ctxAt(new Date(T0.getTime() + days * DAY_MS));

export const community = { code: 'MC-210202002001', orgUnitCode: '210202002001', level: 4 };
export const street = { code: 'MC-210202002', orgUnitCode: '210202002', level: 3 };

export function created(): MediationState {
  return createMediation(
    {
      caseId: 'case-1',
      caseNumber: '（2026）元滩光景调字第00001号',
      committee: community,
      orgUnit: { code: '210202002001', level: 4 },
      category: 2,
      source: 1,
      channel: 1,
      parties: [
        { partyId: A, kind: 1, role: 1, consent: 1 },
        { partyId: B, kind: 1, role: 2, consent: 1 },
      ],
      riskLevel: 1,
      referralId: '',
      entrustedBy: null,
      entrustedTermDueAt: null,
    },
    ctxAt(),
  ).state;
}

export const inProgress = () => accept(created(), ctxAt()).state;

/** A private session both parties attended, held at `heldAt`. */
export const sessionInput = (heldAt: Date): RecordSessionInput => ({
  sessionId: '',
  heldAt,
  location: '',
  visibility: 2,
  attendedPartyIds: [A, B],
  noShowPartyIds: [],
  attendedParticipantIds: [],
  durationMinutes: 30,
  outcome: 1,
  summary: '',
  contactAttempts: [],
});

const member = (memberId: string, extra: Partial<RosterMember> = {}): RosterMember => ({
  memberId,
  name: `委员${memberId}`,
  gender: 'MALE',
  role: 'MEMBER',
  active: true,
  specialities: [],
  updatedAt: T0,
  deactivationReason: '',
  ...extra,
});

/** The community committee's roster: m-1 (director, a woman), m-2, m-3 active; m-9 inactive. */
export function roster(): CommitteeRoster {
  return {
    committee: community,
    members: [
      member('m-1', { role: 'DIRECTOR', gender: 'FEMALE' }),
      member('m-2', { role: 'DEPUTY_DIRECTOR' }),
      member('m-3'),
      member('m-9', { active: false, deactivationReason: '退休' }),
    ],
    updatedAt: T0,
  };
}

export function consented(): MediationState {
  let s = inProgress();
  for (const partyId of [A, B])
    s = recordConsent(
      s,
      { partyId, subject: 'MEDIATION', subjectRef: '', method: 1, note: '', termExtensionDays: 0 },
      ctxAt(),
    ).state;
  return s;
}

type ObligationInput = AgreementInput['obligations'][number];

/** B pays A 300 yuan (30,000 fen) as a lump sum, unless `over` says otherwise. */
export const paymentObligation = (over: Partial<ObligationInput> = {}): ObligationInput => ({
  obligationId: 'o-1',
  obligorPartyId: B,
  obligeePartyId: A,
  kind: 1,
  description: 'pay',
  amount: { currencyCode: 'CNY', amountFen: '30000' },
  manner: 3,
  dueAt: null,
  instalments: [],
  ...over,
});

/** A written agreement both parties signed, effective at `effectiveAt`. */
export const writtenAgreement = (
  effectiveAt: Date,
  obligations: ObligationInput[],
): AgreementInput => ({
  form: 'WRITTEN',
  facts: 'facts',
  issues: 'issues',
  responsibilities: '',
  otherTerms: '',
  effectiveAt,
  signedPartyIds: [A, B],
  obligations,
});

export const instalment = (number: number, amountFen: string, dueAt: Date) => ({
  number,
  amount: { currencyCode: 'CNY', amountFen },
  dueAt,
  status: 'PENDING' as const,
  amountPaid: null,
  performedAt: null,
});

/** Consented, with m-1 as lead mediator (who records or signs the agreement, arts. 28, 29). */
export const mediated = (): MediationState =>
  assignMediators(
    consented(),
    {
      mediators: [{ mediatorId: 'm-1', role: 'LEAD', chosenByParties: false, chosenByPartyId: '' }],
      recusedMediatorIds: [],
      roster: roster(),
    },
    ctxAt(),
  ).state;

/** An agreement of other terms only, signed by both parties. */
export const termsOnly = (more: Partial<AgreementInput> = {}): AgreementInput => ({
  form: 'WRITTEN',
  facts: 'f',
  issues: '',
  responsibilities: '',
  obligations: [],
  otherTerms: 't',
  effectiveAt: null,
  signedPartyIds: [A, B],
  ...more,
});

export const agreed = (effectiveAt: Date = T0) =>
  reachAgreement(
    mediated(),
    writtenAgreement(effectiveAt, [
      paymentObligation({
        instalments: [
          instalment(1, '10000', new Date(T0.getTime() + 10 * DAY_MS)),
          instalment(2, '20000', new Date(T0.getTime() + 40 * DAY_MS)),
        ],
      }),
    ]),
    ctxAt(),
  ).state;

export const failed = () =>
  fail(inProgress(), { reason: 3, note: '', remediesTold: [3], referral: null }, ctxAt()).state;

export const COURT_REFERRAL = {
  institutionType: 1,
  deskCode: '',
  remedy: 3,
  summary: '',
  whatWasTried: '',
};

/** Failed with a court referral requested, none filed for it yet. */
export const failedAskingReferral = (at: StepContext = ctxAt()) =>
  fail(inProgress(), { reason: 3, note: '', remediesTold: [3], referral: COURT_REFERRAL }, at)
    .state;

/** Failed with a court referral requested, and the referral `referralId` filed for it. */
export const failedWithFiledReferral = (referralId = 'ref-1') => {
  const state = failedAskingReferral();
  state.failure!.referralId = referralId;
  return state;
};

export const rejected = () => reject(created(), { reason: 1, remediesTold: [] }, ctxAt()).state;

export const stopped = () =>
  recordRefusal(
    inProgress(),
    { partyId: B, subject: 'MEDIATION', subjectRef: '', method: 1, note: '' },
    ctxAt(),
  ).state;

export const closed = () =>
  closeMediation(
    failed(),
    {
      outcome: 'FAILED',
      preventedCriminalEscalation: false,
      preventedCriminalEscalationPersons: 0,
      preventedMassPetition: false,
      preventedMassPetitionPersons: 0,
      note: '',
    },
    ctxAt(),
  ).state;

export const withdrawn = (): MediationState => ({ ...created(), status: 'WITHDRAWN' });

export const IN_STATUS: Record<MediationStatus, () => MediationState> = {
  PENDING_ACCEPTANCE: created,
  IN_PROGRESS: mediated,
  AGREED: () => agreed(),
  FAILED: failed,
  REJECTED: rejected,
  STOPPED_BY_REFUSAL: stopped,
  WITHDRAWN: withdrawn,
  CLOSED: closed,
};

/** A party acting for itself from the parties' app (a party principal), at `now`. */
export function partyCtx(partyId: string = A, now: Date = T0): StepContext {
  return {
    ...ctxAt(now),
    actor: { subject: `party:${partyId}`, role: 8, orgUnitCode: '', displayName: '申请人' },
    byParty: true,
  };
}

/** The proposal of `proposed()`: B pays A 300 yuan in two instalments, 10 and 40 days ahead. */
export const proposalInput = (more: Partial<ProposalInput> = {}): ProposalInput => ({
  facts: 'facts',
  issues: 'issues',
  responsibilities: 'B',
  otherTerms: '',
  statusMatters: [],
  obligations: [
    paymentObligation({
      obligationId: '',
      instalments: [
        instalment(1, '10000', new Date(T0.getTime() + 10 * DAY_MS)),
        instalment(2, '20000', new Date(T0.getTime() + 40 * DAY_MS)),
      ],
    }),
  ],
  ...more,
});

/** Mediated, with a written agreement put to A and B to sign online at T0. */
export const proposed = (): MediationState =>
  proposeAgreement(mediated(), proposalInput(), ctxAt()).state;

/** Mediated, with a session scheduled two days after T0 (its id: `sessionId(state)`). */
export const scheduled = (): MediationState =>
  scheduleSession(
    mediated(),
    {
      scheduledAt: new Date(T0.getTime() + 2 * DAY_MS),
      location: '',
      visibility: 2,
      invitedPartyIds: [],
      mediatorIds: [],
    },
    ctxAt(),
  ).state;
