import { status } from '@grpc/grpc-js';
import { devPrincipalTokens } from '@mediation/auth';
import { connectMongo } from '@mediation/persistence';
import { createGrpcClient, type GrpcClient } from '@mediation/service-kit';
import { pdfText, uniqueName } from '@mediation/testing';
import {
  commonV1,
  mediationV1,
  MediationHarness,
  staff,
  type Principal,
} from './support/mediation-harness';

// A party acting for itself from the parties' app: the gateway, the one issuer of party
// principals, calls as `party:<id>` with the proven mobile and names the party id. The party may
// consent, refuse, rate, sign and answer a session, and nothing else; staff may not sign or answer
// for it.

const M = mediationV1;
const COMMUNITY = '210202002001';
const COMMUNITY_COMMITTEE = 'MC-210202002001';
const MOBILE_A = '13812340001';
const MOBILE_B = '13912340002';
const APPLICANT = 'p-applicant';
const RESPONDENT = 'p-respondent';

const h = new MediationHarness();
/** Signs as the gateway. */
let gateway: GrpcClient<'mediation'>;

beforeAll(async () => {
  await h.start();
  await h.keepRoster(COMMUNITY_COMMITTEE, [['m-1', M.Gender.GENDER_FEMALE]]);
  gateway = createGrpcClient('mediation', h.address, {
    signer: devPrincipalTokens('gateway').signer,
  });
});
afterAll(async () => {
  gateway?.close();
  await h.stop();
});

const mediator = staff(COMMUNITY_COMMITTEE, COMMUNITY);
const admin = staff('admin', '210200', commonV1.Role.ROLE_ADMINISTRATOR);
const partyAs = (partyPhone: string): Principal =>
  commonV1.Principal.fromPartial({
    subject: `party:${uniqueName('p')}`,
    roles: [commonV1.Role.ROLE_PARTY],
    partyPhone,
  });
const partyA = partyAs(MOBILE_A);
const partyB = partyAs(MOBILE_B);

const day = 24 * 3600 * 1000;
const ts = (d: Date) => ({ seconds: String(Math.floor(d.getTime() / 1000)), nanos: 0 });

/** A party's call through the gateway, at the mediation's current version. */
async function asParty<R extends object>(
  method:
    'recordConsent' | 'recordRefusal' | 'recordSatisfaction' | 'signAgreement' | 'respondToSession',
  who: Principal,
  caseId: string,
  request: R,
): Promise<mediationV1.Mediation> {
  const { version } = await h.get(caseId);
  const res = await gateway.call(
    method,
    { mediationId: caseId, expectedVersion: version, ...request } as never,
    { principal: who },
  );
  return (res as { mediation?: mediationV1.Mediation }).mediation!;
}

async function acceptedCase(): Promise<string> {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  return caseId;
}

const consentOnline = (who: Principal, partyId: string, caseId: string, method = 0) =>
  asParty('recordConsent', who, caseId, {
    partyId,
    subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATION,
    method,
  });

const proposal = {
  facts: '被申请人装修时损坏申请人家中墙面。',
  issues: '赔偿金额。',
  responsibilities: '被申请人承担全部责任。',
  terms: {
    obligations: [
      {
        obligorPartyId: RESPONDENT,
        obligeePartyId: APPLICANT,
        kind: M.ObligationKind.OBLIGATION_KIND_PAYMENT,
        description: '赔偿墙面修复费用',
        amount: { currencyCode: 'CNY', amountFen: '300000' },
        manner: M.PerformanceManner.PERFORMANCE_MANNER_LUMP_SUM,
        dueAt: ts(new Date(Date.now() + 10 * day)),
      },
    ],
  },
  parties: [
    {
      partyId: APPLICANT,
      role: 1,
      kind: 1,
      name: '王秀英',
      idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
      idNumber: '210202198503120426',
      phone: MOBILE_A,
      address: '中山区光景街1号',
    },
    {
      partyId: RESPONDENT,
      role: 2,
      kind: 1,
      name: '李建国',
      idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
      idNumber: '210202197901010011',
      phone: MOBILE_B,
      address: '中山区光景街2号',
    },
  ],
};

describe('a mediation the parties act on online', () => {
  let caseId = '';
  beforeAll(async () => {
    caseId = await acceptedCase();
  });

  it('records each party’s consent as ONLINE, on the record and on the topic', async () => {
    const first = await consentOnline(partyA, APPLICANT, caseId);
    await consentOnline(partyB, RESPONDENT, caseId, M.ConsentMethod.CONSENT_METHOD_ONLINE);
    expect(first.consents).toEqual([
      expect.objectContaining({
        partyId: APPLICANT,
        given: true,
        method: M.ConsentMethod.CONSENT_METHOD_ONLINE,
        recordedBy: expect.objectContaining({
          subject: `party:${APPLICANT}`,
          role: commonV1.Role.ROLE_PARTY,
        }),
      }),
    ]);
    const events = await h.waitForEvents(caseId, 4);
    const consents = events.filter((e) => e.type === 'ConsentRecorded');
    expect(consents.map((e) => [e.payload.partyId, e.payload.method])).toEqual([
      [APPLICANT, M.ConsentMethod.CONSENT_METHOD_ONLINE],
      [RESPONDENT, M.ConsentMethod.CONSENT_METHOD_ONLINE],
    ]);
    const m = await h.get(caseId);
    expect(m.timeline.at(-1)!.summaryText!.zh).toBe('被申请人同意调解。');
    expect(m.timeline.at(-1)!.actorDisplayName).toBe('被申请人');
    // Another method named by a party is refused, and so is a party not on the case.
    await expect(
      consentOnline(partyA, APPLICANT, caseId, M.ConsentMethod.CONSENT_METHOD_WRITTEN),
    ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    await expect(consentOnline(partyA, 'p-somebody-else', caseId)).rejects.toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    expect((await h.get(caseId)).version).toBe(m.version);
  });

  it('lets a party call only its own acts: not Accept, not the reads, not a staff command', async () => {
    const { version } = await h.get(caseId);
    const denied = { code: status.PERMISSION_DENIED };
    await expect(
      gateway.call(
        'accept',
        { mediationId: caseId, expectedVersion: version },
        { principal: partyA },
      ),
    ).rejects.toMatchObject(denied);
    await expect(
      gateway.call('getMediation', { mediationId: caseId }, { principal: partyA }),
    ).rejects.toMatchObject(denied);
    await expect(
      gateway.call('listDeadlines', { orgUnitCode: COMMUNITY }, { principal: partyA }),
    ).rejects.toMatchObject(denied);
    await expect(
      gateway.call(
        'proposeAgreement',
        { mediationId: caseId, expectedVersion: version, ...proposal },
        { principal: partyA },
      ),
    ).rejects.toMatchObject(denied);
    expect((await h.get(caseId)).version).toBe(version);
  });

  it('takes a party’s request to move a scheduled session, and publishes it', async () => {
    await h.act('assignMediators', mediator, caseId, {
      mediators: [{ mediatorId: 'm-1', role: M.MediatorRole.MEDIATOR_ROLE_LEAD }],
    });
    const scheduled = await h.act('scheduleSession', mediator, caseId, {
      scheduledAt: ts(new Date(Date.now() + 3 * day)),
      location: '社区调解室',
    });
    const sessionId = scheduled.sessions[0]!.sessionId;
    const answer = {
      partyId: RESPONDENT,
      sessionId,
      answer: M.SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE,
      note: '周四出差，周六上午可以',
    };
    const { version } = await h.get(caseId);
    // The party's own act: staff cannot answer for it.
    await expect(
      h.call(
        'respondToSession',
        { mediationId: caseId, expectedVersion: version, ...answer },
        mediator,
      ),
    ).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    await expect(
      asParty('respondToSession', partyB, caseId, { ...answer, note: '' }),
    ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    const answered = await asParty('respondToSession', partyB, caseId, answer);
    expect(answered.sessions[0]!.responses).toEqual([
      expect.objectContaining({
        partyId: RESPONDENT,
        answer: M.SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE,
        note: '周四出差，周六上午可以',
        method: M.ConsentMethod.CONSENT_METHOD_ONLINE,
      }),
    ]);
    const events = await h.waitForEvents(caseId, Number(answered.version));
    const recorded = events.find((e) => e.type === 'SessionResponseRecorded')!;
    expect(recorded.payload).toMatchObject({
      sessionId,
      partyId: RESPONDENT,
      answer: M.SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE,
    });
  });

  it('proposes, one party signs, the other signs: the agreement takes effect', async () => {
    const proposed = await h.act('proposeAgreement', mediator, caseId, proposal);
    const p = proposed.agreementProposal!;
    expect(proposed.status).toBe(M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS);
    expect(p.partyIds).toEqual([APPLICANT, RESPONDENT]);
    expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const signature = (partyId: string) => ({
      partyId,
      proposalId: p.proposalId,
      contentHash: p.contentHash,
      proofId: `proof-${partyId}`,
    });

    // Staff, even an administrator, cannot sign for a party.
    for (const who of [mediator, admin])
      await expect(
        h.call(
          'signAgreement',
          { mediationId: caseId, expectedVersion: proposed.version, ...signature(APPLICANT) },
          who,
        ),
      ).rejects.toMatchObject({ code: status.PERMISSION_DENIED });

    const half = await asParty('signAgreement', partyA, caseId, signature(APPLICANT));
    expect(half.status).toBe(M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS);
    expect(half.agreementProposal!.signatures).toEqual([
      expect.objectContaining({
        partyId: APPLICANT,
        method: M.ConsentMethod.CONSENT_METHOD_ONLINE,
        mobileMasked: '138****0001',
        contentHash: p.contentHash,
        proofId: `proof-${APPLICANT}`,
      }),
    ]);

    // A replayed signature: refused, nothing written.
    await expect(
      asParty('signAgreement', partyA, caseId, signature(APPLICANT)),
    ).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
    // A signature of other words: refused, nothing written.
    await expect(
      asParty('signAgreement', partyB, caseId, {
        ...signature(RESPONDENT),
        contentHash: 'f'.repeat(64),
      }),
    ).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
      details: expect.stringContaining('the agreement changed, read it again'),
    });
    expect((await h.get(caseId)).version).toBe(half.version);

    const agreed = await asParty('signAgreement', partyB, caseId, signature(RESPONDENT));
    expect(agreed.status).toBe(M.MediationStatus.MEDIATION_STATUS_AGREED);
    expect(agreed.agreementProposal).toBeNull();
    expect(agreed.agreement).toMatchObject({
      form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
      signedPartyIds: [APPLICANT, RESPONDENT],
      documentId: agreed.agreement!.agreementId,
      recordedBy: { subject: mediator.subject },
    });
    expect(agreed.agreement!.documentId).not.toBe('');

    const events = await h.waitForEvents(caseId, Number(agreed.version));
    expect(events.slice(-4).map((e) => e.type)).toEqual([
      'AgreementProposed',
      'AgreementSigned',
      'AgreementSigned',
      'AgreementReached',
    ]);
    const [proposedEvent, signedA, signedB, reached] = events.slice(-4);
    expect(proposedEvent!.payload).toMatchObject({
      proposalId: p.proposalId,
      contentHash: p.contentHash,
      partyIds: [APPLICANT, RESPONDENT],
    });
    expect(signedA!.payload).toMatchObject({ partyId: APPLICANT, awaitingPartyIds: [RESPONDENT] });
    expect(signedB!.payload).toMatchObject({ partyId: RESPONDENT, awaitingPartyIds: [] });
    expect(reached!.payload).toMatchObject({
      agreementId: agreed.agreement!.agreementId,
      form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
    });
    // No mobile in clear in the events, nor in what GetMediation answers.
    for (const e of events)
      expect(JSON.stringify(e.payload)).not.toMatch(/13812340001|13912340002/);
    expect(JSON.stringify(await h.get(caseId))).not.toMatch(/13812340001|13912340002/);
  });

  it('renders the 调解协议书 with the parties as proposed, and keeps the mobiles sealed', async () => {
    const doc = await h.call('getAgreementDocument', { mediationId: caseId }, mediator);
    const text = (await pdfText(doc.content)).replace(/\s+/g, '');
    for (const words of [
      '王秀英',
      '李建国',
      '居民身份证号码：210202198503120426',
      '中山区光景街2号',
    ])
      expect(text).toContain(words);
    const db = await connectMongo({ url: h.config.MONGO_URL, dbName: h.config.MONGO_DB });
    try {
      const stored = await db.collection('mediations').findOne({ _id: caseId as never });
      const atRest = JSON.stringify(stored);
      for (const clear of [MOBILE_A, MOBILE_B, '210202198503120426'])
        expect(atRest).not.toContain(clear);
      const mobiles = stored!.signatureMobiles as { partyId: string; mobile: string }[];
      expect(mobiles.map((m) => m.partyId)).toEqual([APPLICANT, RESPONDENT]);
      for (const m of mobiles) expect(m.mobile).toMatch(/^v1\./);
      expect(stored!.proposalParties).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('a party’s rating', () => {
  it('is taken once the mediation is closed, once per party', async () => {
    const caseId = await acceptedCase();
    const rating = { partyId: APPLICANT, score: 4, comment: '调解员很耐心' };
    await h.act('fail', mediator, caseId, {
      reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
      remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
    });
    await expect(asParty('recordSatisfaction', partyA, caseId, rating)).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
    });
    await h.act('closeMediation', mediator, caseId, {
      outcome: M.ClosureOutcome.CLOSURE_OUTCOME_FAILED,
    });
    const rated = await asParty('recordSatisfaction', partyA, caseId, rating);
    expect(rated.satisfaction).toEqual([expect.objectContaining(rating)]);
    await expect(
      asParty('recordSatisfaction', partyA, caseId, { ...rating, score: 1 }),
    ).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
    expect((await h.get(caseId)).version).toBe(rated.version);
    const events = await h.waitForEvents(caseId, Number(rated.version));
    expect(events.at(-1)).toMatchObject({
      type: 'SatisfactionRecorded',
      payload: { partyId: APPLICANT, score: 4 },
    });
  });
});
