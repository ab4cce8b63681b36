import { recordConsent, recordRefusal } from './mediation-consent';
import { assignMediators } from './mediation-conduct';
import { escalate } from './mediation-handover';
import { reachAgreement } from './mediation-outcome';
import { recordSatisfaction } from './mediation-aftercare';
import {
  agreementContentHash,
  proposeAgreement,
  respondToSession,
  signAgreement,
  type SignatureInput,
} from './mediation-party-acts';
import {
  InvalidInputError,
  InvalidTransitionError,
  NotPermittedError,
  RuleViolationError,
} from './mediation.errors';
import {
  A,
  agreed,
  B,
  closed,
  consented,
  ctxAt,
  inProgress,
  instalment,
  mediated,
  partyCtx,
  paymentObligation,
  proposalInput,
  proposed,
  roster,
  scheduled,
  street,
  T0,
  writtenAgreement,
} from './mediation.fixtures';
import { DAY_MS } from './mediation.step';
import type { MediationState } from './mediation.types';

const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const MOBILE_A = '13812345678';
const MOBILE_B = '13987654321';

/** A's (or B's) signature of the current proposal of `state`. */
const signatureOf = (
  state: MediationState,
  partyId = A,
  more: Partial<SignatureInput> = {},
): SignatureInput => ({
  partyId,
  proposalId: state.agreementProposal!.proposalId,
  contentHash: state.agreementProposal!.contentHash,
  proofId: `proof-${partyId}`,
  mobile: partyId === A ? MOBILE_A : MOBILE_B,
  ...more,
});

const signedByA = () => signAgreement(proposed(), signatureOf(proposed(), A), partyCtx(A)).state;

describe('ProposeAgreement', () => {
  it('keeps the terms with the hash of what the parties read; the mediation stays IN_PROGRESS', () => {
    const { state, events } = proposeAgreement(mediated(), proposalInput(), ctxAt());
    const p = state.agreementProposal!;
    expect(state.status).toBe('IN_PROGRESS');
    expect(state.agreement).toBeNull();
    expect(p).toMatchObject({
      facts: 'facts',
      partyIds: [A, B],
      signatures: [],
      proposedAt: T0,
      proposedBy: ctxAt().actor,
    });
    expect(p.obligations[0]!.obligationId).not.toBe('');
    expect(p.obligations[0]!.instalments.map((x) => x.number)).toEqual([1, 2]);
    expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.contentHash).toBe(
      agreementContentHash({
        ...proposalInput(),
        statusMatters: [],
        obligations: p.obligations,
        partyIds: [A, B],
      }),
    );
    expect(events).toEqual([
      {
        name: 'AgreementProposed',
        data: { proposalId: p.proposalId, contentHash: p.contentHash, partyIds: [A, B] },
      },
    ]);
  });

  it('asks only the applicants and respondents to sign', () => {
    const withThird = mediated();
    withThird.parties.push({ partyId: 'p-c', kind: 1, role: 3, consent: 1 });
    const { state } = proposeAgreement(withThird, proposalInput(), ctxAt());
    expect(state.agreementProposal!.partyIds).toEqual([A, B]);
  });

  it('hashes the content alone: the same words give the same hash, any change another', () => {
    const hash = (more: Parameters<typeof proposalInput>[0] = {}) =>
      proposeAgreement(mediated(), proposalInput(more), ctxAt()).state.agreementProposal!
        .contentHash;
    const base = hash();
    // Internal ids are not what the parties read.
    expect(
      hash({ obligations: [{ ...proposalInput().obligations[0]!, obligationId: 'other-id' }] }),
    ).toBe(base);
    const obligation = proposalInput().obligations[0]!;
    const changed = [
      hash({ facts: 'facts.' }),
      hash({ issues: 'other issues' }),
      hash({ responsibilities: 'A' }),
      hash({ otherTerms: 'and an apology' }),
      hash({ statusMatters: ['MARRIAGE'] }),
      hash({
        obligations: [
          {
            ...obligation,
            amount: { currencyCode: 'CNY', amountFen: '30001' },
            instalments: [instalment(1, '10001', at(10)), instalment(2, '20000', at(40))],
          },
        ],
      }),
      hash({
        obligations: [
          {
            ...obligation,
            instalments: [instalment(1, '10000', at(11)), instalment(2, '20000', at(40))],
          },
        ],
      }),
      hash({ obligations: [{ ...obligation, obligorPartyId: A, obligeePartyId: B }] }),
    ];
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });

  it('checks what ReachAgreement checks, and writes nothing when refused', () => {
    const consentedNoLead = consented();
    expect(() => proposeAgreement(consentedNoLead, proposalInput(), ctxAt())).toThrow(
      /assign a lead mediator/,
    );
    const leadNoConsent = assignMediators(
      inProgress(),
      {
        mediators: [
          { mediatorId: 'm-1', role: 'LEAD', chosenByParties: false, chosenByPartyId: '' },
        ],
        recusedMediatorIds: [],
        roster: roster(),
      },
      ctxAt(),
    ).state;
    expect(() => proposeAgreement(leadNoConsent, proposalInput(), ctxAt())).toThrow(
      /consented to mediation/,
    );
    const refused: [Parameters<typeof proposalInput>[0], string][] = [
      [{ facts: '' }, 'facts'],
      [{ obligations: [], otherTerms: '' }, 'terms'],
      [
        { obligations: [paymentObligation({ dueAt: new Date(T0.getTime() - DAY_MS) })] },
        'terms.obligations[0].due_at',
      ],
      [
        {
          obligations: [paymentObligation({ instalments: [instalment(1, '10000', at(10))] })],
        },
        'terms.obligations[0].instalments',
      ],
    ];
    const before = mediated();
    for (const [more, field] of refused) {
      const error = (() => {
        try {
          proposeAgreement(before, proposalInput(more), ctxAt());
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe(field);
    }
    expect(before).toEqual(mediated());
  });

  it('is refused once an agreement is in effect', () => {
    expect(() => proposeAgreement(agreed(), proposalInput(), ctxAt())).toThrow(
      InvalidTransitionError,
    );
  });

  it('replaces a partly signed proposal, and its signatures go with it', () => {
    const first = signedByA();
    expect(first.agreementProposal!.signatures).toHaveLength(1);
    const { state } = proposeAgreement(first, proposalInput({ otherTerms: '赔礼道歉' }), {
      ...ctxAt(at(1)),
      newId: (() => {
        let n = 0;
        return () => `second-${++n}`;
      })(),
    });
    const p = state.agreementProposal!;
    expect(p.proposalId).not.toBe(first.agreementProposal!.proposalId);
    expect(p.contentHash).not.toBe(first.agreementProposal!.contentHash);
    expect(p.signatures).toEqual([]);
    // A's signature of the old words does not count for the new ones.
    expect(() => signAgreement(state, signatureOf(first, A), partyCtx(A, at(1)))).toThrow(
      'the agreement changed, read it again',
    );
  });
});

describe('SignAgreement', () => {
  it('records the party’s signature, online, with the mobile masked; awaits the others', () => {
    const before = proposed();
    const { state, events } = signAgreement(before, signatureOf(before, A), partyCtx(A, at(1)));
    const p = state.agreementProposal!;
    expect(state.status).toBe('IN_PROGRESS');
    expect(p.signatures).toEqual([
      {
        partyId: A,
        signedAt: at(1),
        method: 4,
        mobileMasked: '138****5678',
        contentHash: before.agreementProposal!.contentHash,
        proofId: 'proof-p-a',
      },
    ]);
    expect(events).toEqual([
      {
        name: 'AgreementSigned',
        data: {
          proposalId: p.proposalId,
          partyId: A,
          method: 4,
          signedAt: at(1),
          awaitingPartyIds: [B],
        },
      },
    ]);
    // The full mobile is nowhere in the state or the events.
    expect(JSON.stringify({ state, events })).not.toContain(MOBILE_A);
  });

  it('is the party’s own act: staff cannot sign for it', () => {
    const state = proposed();
    expect(() => signAgreement(state, signatureOf(state), ctxAt())).toThrow(NotPermittedError);
  });

  it('refuses a replayed signature and leaves the state as it was', () => {
    const once = signedByA();
    const before = structuredClone(once);
    expect(() => signAgreement(once, signatureOf(once, A), partyCtx(A, at(1)))).toThrow(
      RuleViolationError,
    );
    expect(() => signAgreement(once, signatureOf(once, A), partyCtx(A, at(1)))).toThrow(
      /already signed/,
    );
    expect(once).toEqual(before);
  });

  it('refuses a changed proposal: another hash or another proposal id', () => {
    const state = proposed();
    for (const wrong of [{ contentHash: 'f'.repeat(64) }, { proposalId: 'older' }])
      expect(() => signAgreement(state, signatureOf(state, A, wrong), partyCtx(A))).toThrow(
        new RuleViolationError('the agreement changed, read it again'),
      );
  });

  it('refuses a party not asked to sign, one not on the case, no proof, no proposal', () => {
    const withThird = mediated();
    withThird.parties.push({ partyId: 'p-c', kind: 1, role: 3, consent: 1 });
    const state = proposeAgreement(withThird, proposalInput(), ctxAt()).state;
    expect(() => signAgreement(state, signatureOf(state, 'p-c'), partyCtx('p-c'))).toThrow(
      InvalidInputError,
    );
    expect(() => signAgreement(state, signatureOf(state, 'p-x'), partyCtx('p-x'))).toThrow(
      NotPermittedError,
    );
    expect(() => signAgreement(state, signatureOf(state, A, { proofId: '' }), partyCtx(A))).toThrow(
      InvalidInputError,
    );
    expect(() => signAgreement(mediated(), signatureOf(state, A), partyCtx(A))).toThrow(
      /no agreement is awaiting signatures/,
    );
  });

  it('the last signature makes the agreement take effect, as ReachAgreement would', () => {
    const half = signedByA();
    const proposal = half.agreementProposal!;
    const { state, events } = signAgreement(half, signatureOf(half, B), partyCtx(B, at(2)));
    expect(events.map((e) => e.name)).toEqual(['AgreementSigned', 'AgreementReached']);
    expect(events[0]!.data.awaitingPartyIds).toEqual([]);
    expect(state.status).toBe('AGREED');
    expect(state.agreementProposal).toBeNull();
    const agreement = state.agreement!;
    expect(agreement).toMatchObject({
      form: 'WRITTEN',
      facts: 'facts',
      effectiveAt: at(2),
      signedPartyIds: [A, B],
      // The mediator who proposed it recorded it; the party completed it.
      recordedBy: proposal.proposedBy,
      documentId: agreement.agreementId,
      totalAmount: { currencyCode: 'CNY', amountFen: '30000' },
    });
    expect(agreement.obligations.map((o) => o.obligationId)).toEqual(
      proposal.obligations.map((o) => o.obligationId),
    );
    // The same agreement, deadlines and event as a written ReachAgreement signed by both then.
    const direct = reachAgreement(
      mediated(),
      {
        ...writtenAgreement(at(2), proposal.obligations),
        issues: 'issues',
        responsibilities: 'B',
        statusMatters: [],
      },
      { ...ctxAt(at(2)), newId: () => agreement.agreementId },
    );
    const { agreementId: _a, recordedBy: _r, ...expected } = direct.state.agreement!;
    expect(agreement).toMatchObject(expected);
    const kinds = (s: MediationState) =>
      s.deadlines
        .filter((d) => d.status === 'PENDING')
        .map((d) => [d.kind, d.dueAt.getTime(), d.ref])
        .sort();
    expect(kinds(state)).toEqual(kinds(direct.state));
    expect(events[1]!.data).toEqual({
      ...direct.events[0]!.data,
      agreementId: agreement.agreementId,
    });
  });

  it('refuses the last signature when a due date has passed meanwhile', () => {
    const half = signedByA();
    expect(() => signAgreement(half, signatureOf(half, B), partyCtx(B, at(11)))).toThrow(
      /cannot take effect as proposed/,
    );
  });

  it('a proposal goes with a hand-over, and with an agreement reached otherwise', () => {
    const handed = escalate(signedByA(), { target: street, reason: 1 }, ctxAt(at(1))).state;
    expect(handed.agreementProposal).toBeNull();
    const reached = reachAgreement(
      signedByA(),
      { ...writtenAgreement(at(1), []), otherTerms: '赔礼道歉' },
      ctxAt(at(1)),
    ).state;
    expect(reached.status).toBe('AGREED');
    expect(reached.agreementProposal).toBeNull();
  });
});

describe('RespondToSession', () => {
  const sessionOf = (s: MediationState) => s.sessions[0]!;

  it('records the party’s answer, online; a changed answer is appended and the latest counts', () => {
    const before = scheduled();
    const sessionId = sessionOf(before).sessionId;
    const first = respondToSession(
      before,
      { partyId: A, sessionId, answer: 'WILL_ATTEND', note: '' },
      partyCtx(A),
    );
    expect(first.events).toEqual([
      {
        name: 'SessionResponseRecorded',
        data: { sessionId, partyId: A, answer: 'WILL_ATTEND', scheduledAt: at(2) },
      },
    ]);
    const second = respondToSession(
      first.state,
      { partyId: A, sessionId, answer: 'ASKS_TO_MOVE', note: '  周末更方便  ' },
      partyCtx(A, at(1)),
    );
    expect(sessionOf(second.state).responses).toEqual([
      { partyId: A, answer: 'WILL_ATTEND', note: '', answeredAt: T0, method: 4 },
      { partyId: A, answer: 'ASKS_TO_MOVE', note: '周末更方便', answeredAt: at(1), method: 4 },
    ]);
    expect(sessionOf(before).responses).toBeUndefined();
  });

  it('asks for a note to move a session, and keeps it short', () => {
    const state = scheduled();
    const sessionId = sessionOf(state).sessionId;
    const answer = (note: string) =>
      respondToSession(state, { partyId: B, sessionId, answer: 'ASKS_TO_MOVE', note }, partyCtx(B));
    expect(() => answer('  ')).toThrow(InvalidInputError);
    expect(() => answer('长'.repeat(501))).toThrow(/at most 500 characters/);
    expect(() => answer('长'.repeat(500))).not.toThrow();
  });

  it('answers only a session still ahead and not held, by a party of the case itself', () => {
    const state = scheduled();
    const sessionId = sessionOf(state).sessionId;
    const input = { partyId: A, sessionId, answer: 'WILL_ATTEND' as const, note: '' };
    expect(() => respondToSession(state, input, ctxAt())).toThrow(NotPermittedError);
    expect(() => respondToSession(state, { ...input, partyId: 'p-x' }, partyCtx('p-x'))).toThrow(
      NotPermittedError,
    );
    expect(() => respondToSession(state, { ...input, sessionId: 'nope' }, partyCtx(A))).toThrow(
      InvalidInputError,
    );
    expect(() => respondToSession(state, input, partyCtx(A, at(2)))).toThrow(/was due already/);
    const held = structuredClone(state);
    sessionOf(held).heldAt = at(1);
    expect(() => respondToSession(held, input, partyCtx(A))).toThrow(/not awaiting the parties/);
  });
});

describe('a party’s own consent, refusal and satisfaction', () => {
  const consent = (subject: 'MEDIATION' | 'TERM_EXTENSION', method = 0) => ({
    partyId: A,
    subject,
    subjectRef: '',
    method,
    note: '',
    termExtensionDays: subject === 'TERM_EXTENSION' ? 10 : 0,
  });

  it('are recorded online, whatever method the request left unset', () => {
    const { state, events } = recordConsent(inProgress(), consent('MEDIATION'), partyCtx(A));
    expect(state.consents[0]).toMatchObject({
      partyId: A,
      method: 4,
      given: true,
      recordedBy: partyCtx(A).actor,
    });
    expect(events[0]!.data).toMatchObject({ method: 4 });
    const refused = recordRefusal(
      inProgress(),
      { partyId: B, subject: 'MEDIATION', subjectRef: '', method: 4, note: '' },
      partyCtx(B),
    );
    expect(refused.state.status).toBe('STOPPED_BY_REFUSAL');
    expect(refused.events[0]!.data).toMatchObject({ method: 4, stopsMediation: true });
  });

  it('refuse another method, a term extension, and a party not on the case', () => {
    const s = inProgress();
    expect(() => recordConsent(s, consent('MEDIATION', 2), partyCtx(A))).toThrow(InvalidInputError);
    expect(() => recordConsent(s, consent('TERM_EXTENSION'), partyCtx(A))).toThrow(
      /cannot record TERM_EXTENSION itself/,
    );
    expect(() =>
      recordRefusal(
        s,
        { partyId: 'p-x', subject: 'MEDIATION', subjectRef: '', method: 0, note: '' },
        partyCtx('p-x'),
      ),
    ).toThrow(NotPermittedError);
  });

  it('staff never record ONLINE: that is the party’s own act', () => {
    const s = inProgress();
    expect(() => recordConsent(s, consent('MEDIATION', 4), ctxAt())).toThrow(InvalidInputError);
    expect(recordConsent(s, consent('MEDIATION', 2), ctxAt()).state.consents[0]!.method).toBe(2);
  });

  it('a party rates once the mediation is closed, and only once', () => {
    const rating = { partyId: A, score: 5, comment: '' };
    expect(() => recordSatisfaction(agreed(), rating, partyCtx(A))).toThrow(/once it is closed/);
    const rated = recordSatisfaction(closed(), rating, partyCtx(A, at(1)));
    expect(rated.state.satisfaction).toEqual([{ ...rating, recordedAt: at(1) }]);
    expect(() =>
      recordSatisfaction(rated.state, { ...rating, score: 1 }, partyCtx(A, at(2))),
    ).toThrow(/already rated/);
    expect(() =>
      recordSatisfaction(closed(), { ...rating, partyId: 'p-x' }, partyCtx('p-x')),
    ).toThrow(NotPermittedError);
    // Staff take down a rating while agreed, and may correct it.
    const staff = recordSatisfaction(agreed(), rating, ctxAt());
    expect(
      recordSatisfaction(staff.state, { ...rating, score: 3 }, ctxAt()).state.satisfaction,
    ).toEqual([{ ...rating, score: 3, recordedAt: T0 }]);
  });
});
