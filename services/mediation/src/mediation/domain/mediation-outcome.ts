import { addDeadline, ofKind, settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { assertLeadInPlace } from './mediation-recusal';
import { allPartiesConsentedToMediation, principalPartyIds } from './mediation-consent';
import { DomainValidationError, RuleViolationError } from './mediation.errors';
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

const sumFen = (amounts: (Money | null)[]) =>
  amounts.reduce((sum, m) => sum + BigInt(m?.amountFen || '0'), 0n);

/**
 * Written (art. 29: effective when every party and the mediator have signed) or oral (art. 28:
 * recorded by the mediator, effective the same day). Needs a lead mediator on the case and every
 * party's recorded consent to mediation.
 */
export function reachAgreement(
  current: MediationState,
  input: AgreementInput,
  ctx: StepContext,
): StepResult {
  const state = begin('ReachAgreement', current);
  assertLeadInPlace(state, 'an agreement can be reached');
  if (!allPartiesConsentedToMediation(state))
    throw new RuleViolationError('every party must have consented to mediation first (art. 17)');
  // Art. 29: the mediator signs a written agreement; art. 28: the mediator records an oral one.
  if (!state.mediators.some((m) => m.role === 'LEAD'))
    throw new RuleViolationError(
      `${input.form === 'ORAL' ? 'an oral agreement is recorded by' : 'a written agreement is signed by'} ` +
        `the mediator (arts. 28, 29): assign a lead mediator (AssignMediators) first`,
    );
  if (!input.facts) throw new DomainValidationError('facts', 'the facts are required (art. 29)');
  if (input.obligations.length === 0 && !input.otherTerms)
    throw new DomainValidationError('terms', 'at least one obligation or other term is required');
  if (input.form === 'WRITTEN') {
    const unsigned = principalPartyIds(state).filter((p) => !input.signedPartyIds.includes(p));
    if (unsigned.length > 0)
      throw new RuleViolationError(
        `a written agreement needs every party's signature: ${unsigned}`,
      );
  }
  const obligations: Obligation[] = input.obligations.map((o, i) => {
    if (o.instalments.length > 0) {
      const total = sumFen(o.instalments.map((x) => x.amount));
      if (o.amount && total !== BigInt(o.amount.amountFen || '0'))
        throw new DomainValidationError(
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
  const effectiveAt = input.form === 'ORAL' ? ctx.now : (input.effectiveAt ?? ctx.now);
  const payments = obligations.filter((o) => o.kind === 1);
  const total = sumFen(payments.map((o) => o.amount));
  const currency = payments.find((o) => o.amount)?.amount?.currencyCode ?? 'CNY';
  const totalAmount: Money | null = payments.length
    ? { currencyCode: currency, amountFen: String(total) }
    : null;
  state.status = 'AGREED';
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
  referral: { institutionType: number; deskCode: string; remedy: number } | null;
}

/** 调解不成: the parties are told of the other routes (art. 26) and may ask for a referral. */
export function fail(current: MediationState, input: FailInput, _ctx: StepContext): StepResult {
  const state = begin('Fail', current);
  if (!input.reason) throw new DomainValidationError('reason', 'a failure reason is required');
  if (input.remediesTold.length === 0)
    throw new DomainValidationError(
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
        },
      },
    ],
  };
}
