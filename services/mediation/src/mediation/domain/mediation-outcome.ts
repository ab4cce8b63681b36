import { addDeadline, ofKind, settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { assertLeadInPlace } from './mediation-recusal';
import { allPartiesConsentedToMediation, principalPartyIds } from './mediation-consent';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import { addDays, type StepContext, type StepResult } from './mediation.step';
import type {
  AgreementForm,
  MediationState,
  Money,
  Obligation,
  StatusMatter,
} from './mediation.types';

export interface AgreementInput {
  form: AgreementForm;
  facts: string;
  issues: string;
  responsibilities: string;
  obligations: Omit<Obligation, 'status'>[];
  otherTerms: string;
  effectiveAt: Date | null;
  signedPartyIds: string[];
  /** Matters of personal status it settles (none for an ordinary civil agreement). */
  statusMatters?: StatusMatter[];
}

/** Performance further ahead than this is a typo, not a term (instalments over years are fine). */
export const MAX_PERFORMANCE_YEARS = 20;
const DAY_MS = 86_400_000;

/**
 * Deadlines in order: every due date on or after the day the agreement takes effect (a minute of
 * slack for clocks), instalments in strictly ascending order, nothing absurdly far ahead.
 */
export function assertDuesInOrder(
  obligations: Pick<Obligation, 'dueAt' | 'instalments'>[],
  effectiveAt: Date,
): void {
  const earliest = effectiveAt.getTime() - 60_000;
  const latest = effectiveAt.getTime() + MAX_PERFORMANCE_YEARS * 366 * DAY_MS;
  const check = (at: Date, field: string) => {
    if (at.getTime() < earliest)
      throw new InvalidInputError(field, 'must not be before the agreement takes effect');
    if (at.getTime() > latest)
      throw new InvalidInputError(
        field,
        `must be within ${MAX_PERFORMANCE_YEARS} years of the agreement`,
      );
  };
  obligations.forEach((o, i) => {
    const path = `terms.obligations[${i}]`;
    if (o.dueAt) check(o.dueAt, `${path}.due_at`);
    let previous: Date | null = null;
    o.instalments.forEach((x, n) => {
      const field = `${path}.instalments[${n}].due_at`;
      if (!x.dueAt) return;
      check(x.dueAt, field);
      if (previous && x.dueAt.getTime() <= previous.getTime())
        throw new InvalidInputError(field, 'must be after the previous instalment');
      previous = x.dueAt;
    });
  });
}

const sumFen = (amounts: (Money | null)[]) =>
  amounts.reduce((sum, m) => sum + BigInt(m?.amountFen || '0'), 0n);

/**
 * What every agreement needs before it can be reached or put to the parties: a lead mediator in
 * place (art. 28 records an oral one, art. 29 signs a written one) and every party's consent to
 * mediation (art. 17).
 */
export function assertMayAgree(state: MediationState, form: AgreementForm): void {
  assertLeadInPlace(state, 'an agreement can be reached');
  if (!allPartiesConsentedToMediation(state))
    throw new RuleViolationError('every party must have consented to mediation first (art. 17)');
  if (!state.mediators.some((m) => m.role === 'LEAD'))
    throw new RuleViolationError(
      `${form === 'ORAL' ? 'an oral agreement is recorded by' : 'a written agreement is signed by'} ` +
        `the mediator (arts. 28, 29): assign a lead mediator (AssignMediators) first`,
    );
}

/** The content an agreement must have: the facts (art. 29) and at least one term. */
export function assertAgreementContent(
  input: Pick<AgreementInput, 'facts' | 'obligations' | 'otherTerms'>,
): void {
  if (!input.facts) throw new InvalidInputError('facts', 'the facts are required (art. 29)');
  if (input.obligations.length === 0 && !input.otherTerms)
    throw new InvalidInputError('terms', 'at least one obligation or other term is required');
}

/**
 * The obligations as agreed, checked against the day the agreement takes effect (dues in order,
 * instalments adding up), each with its id and PENDING performance.
 */
export function agreedObligations(
  obligations: AgreementInput['obligations'],
  effectiveAt: Date,
  ctx: StepContext,
): Obligation[] {
  assertDuesInOrder(obligations, effectiveAt);
  return obligations.map((o, i) => {
    if (o.instalments.length > 0) {
      const total = sumFen(o.instalments.map((x) => x.amount));
      if (o.amount && total !== BigInt(o.amount.amountFen || '0'))
        throw new InvalidInputError(
          `terms.obligations[${i}].instalments`,
          'instalment amounts must add up to the obligation amount',
        );
    }
    return {
      ...o,
      obligationId: o.obligationId || ctx.newId(),
      status: 'PENDING',
      instalments: o.instalments.map((x, n) => ({ ...x, number: n + 1, status: 'PENDING' })),
    };
  });
}

/**
 * Written (art. 29: effective when every party and the mediator have signed) or oral (art. 28:
 * recorded by the mediator, effective the same day). Needs a lead mediator on the case and every
 * party's recorded consent to mediation. An agreement reached replaces a proposal awaiting
 * signatures.
 */
export function reachAgreement(
  current: MediationState,
  input: AgreementInput,
  ctx: StepContext,
): StepResult {
  const state = begin('ReachAgreement', current);
  assertMayAgree(state, input.form);
  assertAgreementContent(input);
  if (input.form === 'WRITTEN') {
    const unsigned = principalPartyIds(state).filter((p) => !input.signedPartyIds.includes(p));
    if (unsigned.length > 0)
      throw new RuleViolationError(
        `a written agreement needs every party's signature: ${unsigned}`,
      );
  }
  const effectiveAt = input.form === 'ORAL' ? ctx.now : (input.effectiveAt ?? ctx.now);
  const obligations = agreedObligations(input.obligations, effectiveAt, ctx);
  const payments = obligations.filter((o) => o.kind === 1);
  const total = sumFen(payments.map((o) => o.amount));
  const currency = payments.find((o) => o.amount)?.amount?.currencyCode ?? 'CNY';
  const totalAmount: Money | null = payments.length
    ? { currencyCode: currency, amountFen: String(total) }
    : null;
  state.status = 'AGREED';
  state.agreementProposal = null;
  const agreementId = ctx.newId();
  state.agreement = {
    agreementId,
    form: input.form,
    facts: input.facts,
    issues: input.issues,
    responsibilities: input.responsibilities,
    obligations,
    otherTerms: input.otherTerms,
    totalAmount,
    effectiveAt,
    signedPartyIds: input.signedPartyIds,
    statusMatters: [...new Set(input.statusMatters ?? [])],
    recordedBy: ctx.actor,
    mediators: state.mediators.map(({ mediatorId, displayName, role }) => ({
      mediatorId,
      displayName,
      role,
    })),
    // The 调解协议书 is stored under the agreement's id (documents/).
    documentId: agreementId,
  };
  settleDeadlines(state, 'MET', ofKind('MEDIATION_TERM', 'ENTRUSTED_TERM'));
  const windowDueAt = addDays(effectiveAt, ctx.rules.confirmationWindowDays);
  addDeadline(state, ctx, 'JUDICIAL_CONFIRMATION_WINDOW', windowDueAt);
  let lastDue: Date | null = null;
  for (const o of obligations) {
    const dues = o.instalments.length
      ? o.instalments.map((x) => ({ at: x.dueAt, ref: `${o.obligationId}#${x.number}` }))
      : [{ at: o.dueAt, ref: o.obligationId }];
    for (const { at, ref } of dues) {
      if (!at) continue;
      addDeadline(state, ctx, 'PERFORMANCE_DUE', at, ref);
      if (!lastDue || at > lastDue) lastDue = at;
    }
  }
  return {
    state,
    events: [
      {
        name: 'AgreementReached',
        data: {
          agreementId: state.agreement.agreementId,
          form: input.form,
          effectiveAt,
          totalAmount,
          obligationCount: obligations.length,
          instalmentCount: obligations.reduce((n, o) => n + o.instalments.length, 0),
          performanceDueAt: lastDue,
          confirmationWindowDueAt: windowDueAt,
        },
      },
    ],
  };
}

export interface FailInput {
  reason: number;
  note: string;
  remediesTold: number[];
  referral: {
    institutionType: number;
    deskCode: string;
    remedy: number;
    /** The committee's words for the desk (kept here; the event only says there are some). */
    summary: string;
    whatWasTried: string;
  } | null;
}

/** 调解不成: the parties are told of the other routes (art. 26) and may ask for a referral. */
export function fail(current: MediationState, input: FailInput, ctx: StepContext): StepResult {
  const state = begin('Fail', current);
  if (!input.reason) throw new InvalidInputError('reason', 'a failure reason is required');
  if (input.remediesTold.length === 0)
    throw new InvalidInputError(
      'remedies_told',
      'the parties must be told of at least one route (art. 26)',
    );
  state.status = 'FAILED';
  state.failure = {
    reason: input.reason,
    note: input.note,
    remediesTold: input.remediesTold,
    referralRequested: input.referral !== null,
    referralId: '',
    referralSummary: input.referral?.summary ?? '',
    referralWhatWasTried: input.referral?.whatWasTried ?? '',
    failedAt: ctx.now,
  };
  settleDeadlines(state, 'CANCELLED', ofKind('MEDIATION_TERM', 'ACCEPTANCE_DECISION'));
  return {
    state,
    events: [
      {
        name: 'MediationFailed',
        data: {
          reason: input.reason,
          remediesTold: input.remediesTold,
          referralRequested: input.referral !== null,
          referralInstitutionType: input.referral?.institutionType ?? 0,
          referralDeskCode: input.referral?.deskCode ?? '',
          referralRemedy: input.referral?.remedy ?? 0,
          referralHandoverWritten: !!(input.referral?.summary || input.referral?.whatWasTried),
        },
      },
    ],
  };
}
