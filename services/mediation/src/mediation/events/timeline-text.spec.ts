import * as contracts from '@mediation/contracts';
import {
  accept,
  assignMediators,
  escalate,
  fail,
  fireDueDeadlines,
  proposeAgreement,
  respondToSession,
  signAgreement,
  recordConsent,
  recordFollowUp,
  recordPerformance,
  recordSatisfaction,
  recordSession,
  reject,
  reopen,
  requestJudicialConfirmation,
  type DomainEvent,
  type MediationState,
  type StepResult,
} from '../domain';
import {
  COURT_REFERRAL,
  A,
  agreed,
  B,
  created,
  ctxAt,
  inProgress,
  later,
  mediated,
  partyCtx,
  proposalInput,
  roster,
  scheduled,
  sessionInput,
  street,
  T0,
} from '../domain/mediation.fixtures';
import { timelineText } from './timeline-text';

const { commonV1, dayText, mediationV1: E, momentText, phraseOf, phraseOfName } = contracts;
/** Mediation failed; the parties asked for the court. */
const toCourt = { reason: 3, note: '', remediesTold: [3] };
const courtReferral = COURT_REFERRAL;

type NumericEnum = Record<string, string | number>;

// Committees and courts by name, as the org directory gives them.
const nameOf = (code: string) => `名称（${code.replace(/\d/g, '')}）`;
const CODE = /[A-Z]{2,}_[A-Z_]+/;
const DATES = [momentText(T0), dayText(T0)];
/** The sentence without the fixture's date: what is left must hold no number. */
const undated = (s: string) =>
  DATES.reduce((out, d) => out.replaceAll(d.zh, '').replaceAll(d.en, ''), s);

function expectSentence(text: { zh: string; en: string }) {
  expect(text.zh).toMatch(/[\u4e00-\u9fff].*。$/);
  expect(text.en).toMatch(/^[A-Z\u4e00-\u9fff].*\.$/);
  for (const s of [text.zh, text.en]) {
    expect(s).not.toMatch(CODE);
    expect(s).not.toMatch(/undefined|null|unspecified|未说明|\[object/);
  }
}

const declared = (e: NumericEnum) =>
  Object.entries(e).filter((kv): kv is [string, number] => typeof kv[1] === 'number' && kv[1] > 0);

describe('every enum value a sentence names is written in words, in both languages', () => {
  const state = inProgress();
  const numbered: [string, string, NumericEnum, Record<string, unknown>][] = [
    ['MediationRejected', 'reason', E.RejectionReason, {}],
    ['MediationFailed', 'reason', E.FailureReason, { referralRequested: false }],
    [
      'MediationFailed',
      'referralInstitutionType',
      commonV1.InstitutionType,
      { reason: 3, referralRequested: true },
    ],
    [
      'MediationEscalated',
      'reason',
      E.EscalationReason,
      { fromCommittee: state.committee, toCommittee: street },
    ],
    [
      'SessionRecorded',
      'outcome',
      E.SessionOutcome,
      { heldAt: T0, attendedPartyIds: [A], noShowPartyIds: [B] },
    ],
    ['FollowUpRecorded', 'result', E.FollowUpResult, {}],
    ['MediationReopened', 'reason', E.ReopenReason, { termDueAt: T0 }],
    [
      'MediationClosed',
      'referralOutcome',
      commonV1.ReferralOutcome,
      { outcome: 'REFERRED_OUT', referralInstitution: { code: 'CRT-X', type: 1 } },
    ],
  ];
  // Values the domain keeps by name (prefix stripped), as the events carry them.
  const named: [string, string, NumericEnum, string, Record<string, unknown>][] = [
    ['ConsentRecorded', 'subject', E.ConsentSubject, 'CONSENT_SUBJECT_', { partyId: A }],
    ['RefusalRecorded', 'subject', E.ConsentSubject, 'CONSENT_SUBJECT_', { partyId: B }],
    ['AgreementReached', 'form', E.AgreementForm, 'AGREEMENT_FORM_', { obligationCount: 0 }],
    [
      'JudicialConfirmationRecorded',
      'result',
      E.JudicialConfirmationResult,
      'JUDICIAL_CONFIRMATION_RESULT_',
      {},
    ],
    [
      'JudicialConfirmationRecorded',
      'refusalReason',
      E.ConfirmationRefusalReason,
      'CONFIRMATION_REFUSAL_REASON_',
      { result: 'NOT_CONFIRMED' },
    ],
    [
      'PerformanceRecorded',
      'status',
      E.PerformanceStatus,
      'PERFORMANCE_STATUS_',
      { suggestedAction: 'NONE' },
    ],
    [
      'PerformanceRecorded',
      'suggestedAction',
      E.SuggestedAction,
      'SUGGESTED_ACTION_',
      { status: 'DEFAULTED' },
    ],
    ['MediationClosed', 'outcome', E.ClosureOutcome, 'CLOSURE_OUTCOME_', { finalStatus: 'FAILED' }],
    [
      'MediationClosed',
      'finalStatus',
      E.MediationStatus,
      'MEDIATION_STATUS_',
      { outcome: 'AGREEMENT_PERFORMED' },
    ],
    ['DeadlineBreached', 'kind', E.DeadlineKind, 'DEADLINE_KIND_', { dueAt: T0, ref: '' }],
    ['DeadlineApproaching', 'kind', E.DeadlineKind, 'DEADLINE_KIND_', { dueAt: T0, ref: '' }],
  ];

  const cases = [
    ...numbered.flatMap(([event, field, e, base]) =>
      declared(e).map(([name, value]) => ({ event, field, name, value, wire: value, base })),
    ),
    ...named.flatMap(([event, field, e, prefix, base]) =>
      declared(e)
        .filter(([name]) => !(field === 'suggestedAction' && name.endsWith('_NONE')))
        .map(([name, value]) => ({
          event,
          field,
          name,
          value,
          wire: name.slice(prefix.length),
          base,
        })),
    ),
  ];

  it.each(cases)('$event $field = $name', ({ event, field, name, value, wire, base }) => {
    const e = { name: event, data: { ...base, [field]: wire } } as DomainEvent;
    const text = timelineText(e, state, nameOf);
    expectSentence(text);
    const words = phraseOfName(name);
    expect(text.zh).toContain(words.zh);
    expect(text.en.toLowerCase()).toContain(words.en.toLowerCase());
    // Neither the value's number nor its identifier: the sentences of these fixtures hold no
    // other number than the date.
    for (const s of [text.zh, text.en]) {
      expect(undated(s)).not.toMatch(/\d/);
      expect(s).not.toContain(name);
    }
    expect(value).toBeGreaterThan(0);
  });
});

describe('every step of a case writes a full sentence', () => {
  const steps: [string, () => { before: MediationState; result: StepResult<unknown> }][] = [
    ['accept', () => ({ before: created(), result: accept(created(), ctxAt()) })],
    [
      'reject',
      () => ({
        before: created(),
        result: reject(created(), { reason: 1, remediesTold: [1] }, ctxAt()),
      }),
    ],
    [
      'consent with a term extension',
      () => ({
        before: inProgress(),
        result: recordConsent(
          inProgress(),
          {
            partyId: A,
            subject: 'TERM_EXTENSION',
            subjectRef: '',
            method: 1,
            note: '',
            termExtensionDays: 10,
          },
          ctxAt(),
        ),
      }),
    ],
    [
      'assign, chosen by a party',
      () => ({
        before: inProgress(),
        result: assignMediators(
          inProgress(),
          {
            mediators: [
              { mediatorId: 'm-1', role: 'LEAD', chosenByParties: false, chosenByPartyId: A },
              { mediatorId: 'm-2', role: 'ASSISTANT', chosenByParties: false, chosenByPartyId: '' },
            ],
            recusedMediatorIds: [],
            roster: roster(),
          },
          ctxAt(),
        ),
      }),
    ],
    [
      'session',
      () => ({ before: mediated(), result: recordSession(mediated(), sessionInput(T0), ctxAt()) }),
    ],
    [
      'escalate',
      () => ({
        before: inProgress(),
        result: escalate(inProgress(), { target: street, reason: 1 }, ctxAt()),
      }),
    ],
    [
      'fail with a referral',
      () => ({
        before: inProgress(),
        result: fail(inProgress(), { ...toCourt, referral: courtReferral }, ctxAt()),
      }),
    ],
    [
      'judicial confirmation',
      () => ({
        before: agreed(),
        result: requestJudicialConfirmation(
          agreed(),
          {
            court: { code: 'CRT-210202', type: 1 },
            appliedAt: null,
            applicantPartyIds: [A, B],
            note: '',
          },
          later(1),
        ),
      }),
    ],
    [
      'performance of an instalment',
      () => ({
        before: agreed(),
        result: recordPerformance(
          agreed(),
          {
            obligationId: 'o-1',
            instalmentNumber: 1,
            status: 'DEFAULTED',
            amountPaid: null,
            performedAt: null,
          },
          later(11),
        ),
      }),
    ],
    [
      'follow-up',
      () => ({
        before: agreed(),
        result: recordFollowUp(
          agreed(),
          { visitedAt: null, method: 1, result: 1, note: '', nextFollowUpAt: null },
          later(1),
        ),
      }),
    ],
    [
      'satisfaction',
      () => ({
        before: agreed(),
        result: recordSatisfaction(agreed(), { partyId: A, score: 4, comment: '' }, later(1)),
      }),
    ],
    [
      'reopen',
      () => ({
        before: agreed(),
        result: reopen(agreed(), { reason: 1 }, later(1)),
      }),
    ],
  ];

  it.each(steps)('%s', (_what, run) => {
    const { result } = run();
    expect(result.events.length).toBeGreaterThan(0);
    for (const e of result.events) expectSentence(timelineText(e, result.state, nameOf));
  });

  it('says who signed online and who is still to sign, and what a party answered', () => {
    const proposed = proposeAgreement(mediated(), proposalInput(), ctxAt());
    const p = proposed.state.agreementProposal!;
    const sign = (state: MediationState, partyId: string) =>
      signAgreement(
        state,
        {
          partyId,
          proposalId: p.proposalId,
          contentHash: p.contentHash,
          proofId: 'proof',
          mobile: '13800000000',
        },
        partyCtx(partyId),
      );
    const first = sign(proposed.state, A);
    const last = sign(first.state, B);
    const texts = [proposed, first, last].flatMap((r) =>
      r.events.map((e) => timelineText(e, r.state, nameOf)),
    );
    const sessionId = scheduled().sessions[0]!.sessionId;
    const answer = (a: 'WILL_ATTEND' | 'ASKS_TO_MOVE') => {
      const r = respondToSession(
        scheduled(),
        { partyId: B, sessionId, answer: a, note: '下周' },
        partyCtx(B),
      );
      return timelineText(r.events[0]!, r.state, nameOf);
    };
    texts.push(answer('WILL_ATTEND'), answer('ASKS_TO_MOVE'));
    texts.forEach(expectSentence);
    const at = momentText(new Date(T0.getTime() + 2 * 86_400_000));
    expect(texts).toEqual([
      {
        zh: '调解协议提交2方当事人在线签署。',
        en: 'Agreement put to the 2 parties to sign online.',
      },
      {
        zh: '申请人在线签署调解协议，待被申请人签署。',
        en: 'The applicant signed the agreement online; awaiting the respondent.',
      },
      {
        zh: '被申请人在线签署调解协议，各方当事人均已签署。',
        en: 'The respondent signed the agreement online; every party has signed.',
      },
      { zh: '达成书面调解协议，共1项义务。', en: 'Written agreement reached with 1 obligation.' },
      {
        zh: `被申请人确认出席${at.zh}的调解会谈。`,
        en: `The respondent will attend the session of ${at.en}.`,
      },
      {
        zh: `被申请人请求调整${at.zh}的调解会谈时间。`,
        en: `The respondent asked to move the session of ${at.en}.`,
      },
    ]);
  });

  it('names parties by their role and mediators by the roster’s names', () => {
    const { result } = steps[3][1]();
    expect(timelineText(result.events[0], result.state, nameOf)).toEqual({
      zh: '指派调解员：委员m-1（主调解员）、委员m-2（协助）；委员m-1由申请人选定。',
      en: 'Mediators assigned: 委员m-1 (lead), 委员m-2 (assistant); chosen by the parties: 委员m-1 by the applicant.',
    });
  });

  it('names the obligation and instalment of a performance deadline by position', () => {
    const events = fireDueDeadlines(agreed(), later(11).now);
    const breached = events.find(
      (e) => e.name === 'DeadlineBreached' && e.data.kind === 'PERFORMANCE_DUE',
    )!;
    const text = timelineText(breached, agreed(), nameOf);
    expectSentence(text);
    expect(text.en).toContain('performance (obligation 1, instalment 1)');
    expect(text.zh).toContain('履行期限（第1项义务第1期）');
  });

  it('reads an unknown enum value as unspecified, never as its number', () => {
    const text = timelineText(
      { name: 'MediationRejected', data: { reason: 42 } },
      inProgress(),
      nameOf,
    );
    expect(text.en).toBe('Not accepted because unspecified.');
    expect(text.en).not.toContain('42');
    expect(phraseOf(E.RejectionReason, 42).zh).toBe('未说明');
  });
});
