import {
  beijingDay,
  beijingTime,
  partyMediationView,
  yuan,
  type MediationJson,
} from './party-mediation.view';

const NOW = new Date('2026-12-01T00:00:00Z');
const HASH = 'a'.repeat(64);
const PARTIES = [
  { partyId: 'p1', role: 'PARTY_ROLE_APPLICANT', name: '张三' },
  { partyId: 'p2', role: 'PARTY_ROLE_RESPONDENT', name: '李*' },
];

const base: MediationJson = {
  version: '4',
  status: 'MEDIATION_STATUS_IN_PROGRESS',
  parties: [
    { partyId: 'p1', role: 'PARTY_ROLE_APPLICANT', consent: 'CONSENT_STATE_PENDING' },
    { partyId: 'p2', role: 'PARTY_ROLE_RESPONDENT', consent: 'CONSENT_STATE_GIVEN' },
  ],
};

const proposal = {
  proposalId: 'pr-1',
  facts: '楼上漏水',
  issues: '赔偿金额',
  responsibilities: '被申请人负责',
  contentHash: HASH,
  proposedAt: '2026-11-30T02:00:00Z',
  partyIds: ['p1', 'p2'],
  terms: {
    obligations: [
      {
        obligorPartyId: 'p2',
        obligeePartyId: 'p1',
        kind: 'OBLIGATION_KIND_PAYMENT',
        description: '赔偿维修费',
        amount: { currencyCode: 'CNY', amountFen: '123456' },
        manner: 'PERFORMANCE_MANNER_INSTALMENTS',
        // 20:00 UTC is the next morning in Beijing.
        dueAt: '2026-12-30T20:00:00Z',
        instalments: [
          { number: 1, amount: { amountFen: '100000' }, dueAt: '2026-12-15T16:00:00Z' },
          { number: 2, amount: { amountFen: '23456' }, dueAt: '2026-12-30T20:00:00Z' },
        ],
      },
    ],
    otherTerms: '双方再无争议',
  },
  signatures: [{ partyId: 'p2', signedAt: '2026-11-30T03:00:00Z', contentHash: HASH }],
};

describe('the party view of a mediation', () => {
  it('shows money in yuan and times in Beijing', () => {
    expect(yuan({ amountFen: '123456' })).toBe('1234.56');
    expect(yuan({ amountFen: '5' })).toBe('0.05');
    expect(yuan({ amountFen: 0 })).toBe('0.00');
    expect(yuan(null)).toBeNull();
    expect(beijingTime('2026-12-10T07:00:00Z')).toBe('2026-12-10T15:00:00+08:00');
    expect(beijingDay('2026-12-31T16:30:00Z')).toBe('2027-01-01');
    expect(beijingTime(null)).toBeNull();
  });

  it("asks for the caller's consent while it is pending and the mediation open, and only then", () => {
    const pending = partyMediationView(base, ['p1'], PARTIES, NOW);
    expect(pending.consent).toEqual({
      decision: 'pending',
      at: null,
      online: false,
      canDecide: true,
    });
    expect(pending.pendingDecisions).toEqual(['mediation']);
    // A stance marked on the party (an online application) is no recorded consent: still asked.
    expect(partyMediationView(base, ['p2'], PARTIES, NOW).consent).toMatchObject({
      decision: 'pending',
      canDecide: true,
    });
    // The other party's record is not the caller's.
    const othersOnly = {
      ...base,
      consents: [{ partyId: 'p2', subject: 'CONSENT_SUBJECT_MEDIATION', given: true }],
    };
    expect(partyMediationView(othersOnly, ['p1'], PARTIES, NOW).consent.canDecide).toBe(true);
    expect(partyMediationView(othersOnly, ['p2'], PARTIES, NOW).consent).toMatchObject({
      decision: 'given',
      canDecide: false,
    });
    // Nor is a consent to a mediator one to mediation.
    const toMediator = {
      ...base,
      consents: [{ partyId: 'p1', subject: 'CONSENT_SUBJECT_MEDIATOR', given: true }],
    };
    expect(partyMediationView(toMediator, ['p1'], PARTIES, NOW).consent.decision).toBe('pending');
    const decided = partyMediationView(
      {
        ...base,
        consents: [
          {
            partyId: 'p1',
            subject: 'CONSENT_SUBJECT_MEDIATION',
            given: false,
            method: 'CONSENT_METHOD_ONLINE',
            recordedAt: '2026-11-20T01:00:00Z',
          },
        ],
      },
      ['p1'],
      PARTIES,
      NOW,
    );
    expect(decided.consent).toEqual({
      decision: 'refused',
      at: '2026-11-20T09:00:00+08:00',
      online: true,
      canDecide: false,
    });
    expect(decided.pendingDecisions).toEqual([]);
    const closed = partyMediationView(
      { ...base, status: 'MEDIATION_STATUS_CLOSED' },
      ['p1'],
      PARTIES,
      NOW,
    );
    expect(closed.consent.canDecide).toBe(false);
  });

  it('lists the sessions ahead that the caller is invited to, with its own latest answer', () => {
    const ahead = { sessionId: 's9', scheduledAt: '2026-12-09T06:30:00Z', location: '社区' };
    expect(
      partyMediationView({ ...base, sessions: [ahead] }, ['p1'], PARTIES, NOW).sessions,
    ).toHaveLength(1);
    // Agreed: the calendar's leftovers are not shown.
    expect(
      partyMediationView(
        { ...base, status: 'MEDIATION_STATUS_AGREED', sessions: [ahead] },
        ['p1'],
        PARTIES,
        NOW,
      ).sessions,
    ).toEqual([]);
    const view = partyMediationView(
      {
        ...base,
        sessions: [
          { sessionId: 'past', scheduledAt: '2026-11-01T02:00:00Z', location: '社区' },
          {
            sessionId: 'held',
            scheduledAt: '2026-12-02T02:00:00Z',
            heldAt: '2026-12-02T02:00:00Z',
          },
          { sessionId: 'others', scheduledAt: '2026-12-03T02:00:00Z', invitedPartyIds: ['p2'] },
          {
            sessionId: 's2',
            scheduledAt: '2026-12-09T06:30:00Z',
            location: '社区调解室',
            invitedPartyIds: ['p1', 'p2'],
            responses: [
              {
                partyId: 'p1',
                answer: 'SESSION_ANSWER_WILL_ATTEND',
                answeredAt: '2026-11-30T00:00:00Z',
              },
              { partyId: 'p2', answer: 'SESSION_ANSWER_ASKS_TO_MOVE', note: '出差' },
              {
                partyId: 'p1',
                answer: 'SESSION_ANSWER_ASKS_TO_MOVE',
                note: '改到周末',
                answeredAt: '2026-11-30T01:00:00Z',
              },
            ],
          },
          { sessionId: 's1', scheduledAt: '2026-12-05T06:30:00Z', location: '街道' },
        ],
      },
      ['p1'],
      PARTIES,
      NOW,
    );
    expect(view.sessions).toEqual([
      { sessionId: 's1', at: '2026-12-05T14:30:00+08:00', place: '街道', yourAnswer: null },
      {
        sessionId: 's2',
        at: '2026-12-09T14:30:00+08:00',
        place: '社区调解室',
        yourAnswer: { answer: 'move', note: '改到周末', at: '2026-11-30T09:00:00+08:00' },
      },
    ]);
  });

  it('gives the agreement to sign in plain words and yuan, with who has signed', () => {
    const view = partyMediationView({ ...base, agreementProposal: proposal }, ['p1'], PARTIES, NOW);
    expect(view.agreement).toEqual({
      proposalId: 'pr-1',
      contentHash: HASH,
      proposedAt: '2026-11-30T10:00:00+08:00',
      facts: '楼上漏水',
      issues: '赔偿金额',
      responsibilities: '被申请人负责',
      obligations: [
        {
          obligor: '李*',
          obligee: '张三',
          kind: 'OBLIGATION_KIND_PAYMENT',
          description: '赔偿维修费',
          amountYuan: '1234.56',
          manner: 'PERFORMANCE_MANNER_INSTALMENTS',
          dueDate: '2026-12-31',
          instalments: [
            { number: 1, amountYuan: '1000.00', dueDate: '2026-12-16' },
            { number: 2, amountYuan: '234.56', dueDate: '2026-12-31' },
          ],
        },
      ],
      otherTerms: '双方再无争议',
      signers: [
        { partyId: 'p1', name: '张三', role: 'PARTY_ROLE_APPLICANT', you: true, signedAt: null },
        {
          partyId: 'p2',
          name: '李*',
          role: 'PARTY_ROLE_RESPONDENT',
          you: false,
          signedAt: '2026-11-30T11:00:00+08:00',
        },
      ],
      youSigned: false,
      yourSignedAt: null,
      youMaySign: true,
    });
    expect(JSON.stringify(view)).not.toMatch(/fen/i);
    const signed = partyMediationView(
      { ...base, agreementProposal: proposal },
      ['p2'],
      PARTIES,
      NOW,
    );
    expect(signed.agreement).toMatchObject({
      youSigned: true,
      yourSignedAt: '2026-11-30T11:00:00+08:00',
      youMaySign: false,
    });
  });

  it('does not count a signature of an earlier text', () => {
    const changed = { ...proposal, contentHash: 'b'.repeat(64) };
    const view = partyMediationView({ ...base, agreementProposal: changed }, ['p2'], PARTIES, NOW);
    expect(view.agreement).toMatchObject({ youSigned: false, youMaySign: true });
    expect(view.agreement!.signers.every((s) => s.signedAt === null)).toBe(true);
  });

  it('shows an empty proposal as none, and the agreement in effect once reached', () => {
    const view = partyMediationView(
      {
        ...base,
        status: 'MEDIATION_STATUS_AGREED',
        agreementProposal: { proposalId: '' },
        agreement: {
          agreementId: 'a1',
          form: 'AGREEMENT_FORM_WRITTEN',
          effectiveAt: '2026-11-30T04:00:00Z',
          signedPartyIds: ['p1', 'p2'],
        },
      },
      ['p1'],
      PARTIES,
      NOW,
    );
    expect(view.agreement).toBeNull();
    expect(view.agreementReached).toEqual({
      effectiveAt: '2026-11-30T12:00:00+08:00',
      youSigned: true,
      written: true,
    });
  });

  it('offers no 调解协议书 of an oral agreement', () => {
    const oral = {
      ...base,
      status: 'MEDIATION_STATUS_AGREED',
      agreement: { agreementId: 'a1', form: 'AGREEMENT_FORM_ORAL', effectiveAt: null },
    };
    expect(partyMediationView(oral, ['p1'], PARTIES, NOW).agreementReached).toMatchObject({
      written: false,
    });
  });

  it('lets the caller rate a closed mediation once', () => {
    const closed = { ...base, status: 'MEDIATION_STATUS_CLOSED' };
    expect(partyMediationView(base, ['p1'], PARTIES, NOW).rating.canRate).toBe(false);
    expect(partyMediationView(closed, ['p1'], PARTIES, NOW).rating).toEqual({
      canRate: true,
      yours: null,
    });
    const rated = partyMediationView(
      {
        ...closed,
        satisfaction: [
          { partyId: 'p1', score: 4, comment: '满意', recordedAt: '2026-12-01T00:00:00Z' },
        ],
      },
      ['p1'],
      PARTIES,
      NOW,
    );
    expect(rated.rating).toEqual({
      canRate: false,
      yours: { score: 4, comment: '满意', at: '2026-12-01T08:00:00+08:00' },
    });
    // Another party's rating does not stand for the caller's.
    expect(
      partyMediationView(
        { ...closed, satisfaction: [{ partyId: 'p2', score: 1 }] },
        ['p1'],
        PARTIES,
        NOW,
      ).rating.canRate,
    ).toBe(true);
  });
});
