import { status } from '@grpc/grpc-js';
import { unzipSync } from 'fflate';
import {
  commonV1,
  mediationV1,
  MediationHarness,
  PARTIES,
  staff,
} from './support/mediation-harness';
import { connectMongo } from '@mediation/persistence';
import { pdfText } from '@mediation/testing';
import type { Binary } from 'mongodb';

const M = mediationV1;
const POINT = '210202002001P01';
const COMMUNITY = '210202002001';
const COMMUNITY_COMMITTEE = 'MC-210202002001';

const h = new MediationHarness();
beforeAll(async () => {
  await h.start();
  await h.keepRoster(COMMUNITY_COMMITTEE, [['m-1', M.Gender.GENDER_FEMALE]]);
});
afterAll(() => h.stop());

const volunteer = staff(POINT, POINT, commonV1.Role.ROLE_VOLUNTEER);
const mediator = staff(COMMUNITY_COMMITTEE, COMMUNITY);

async function consentAll(caseId: string) {
  for (const p of PARTIES)
    await h.act('recordConsent', mediator, caseId, {
      partyId: p.partyId,
      subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATION,
      method: M.ConsentMethod.CONSENT_METHOD_WRITTEN,
    });
}

const day = 24 * 3600 * 1000;
const ts = (d: Date) => ({ seconds: String(Math.floor(d.getTime() / 1000)), nanos: 0 });

/** A point's case passed to the community committee, mediated to a written agreement. */
async function agreedCase(): Promise<string> {
  const caseId = await h.openCase(POINT);
  const created = await h.waitForMediation(caseId);
  expect(created.committee).toEqual({ code: POINT, orgUnitCode: POINT, level: 5 });
  await h.act('escalate', volunteer, caseId, {
    reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
  });
  await h.act('accept', mediator, caseId);
  await consentAll(caseId);
  await h.act('assignMediators', mediator, caseId, {
    mediators: [{ mediatorId: 'm-1', role: M.MediatorRole.MEDIATOR_ROLE_LEAD }],
  });
  await h.act('recordSession', mediator, caseId, {
    heldAt: ts(new Date()),
    attendedPartyIds: ['p-applicant', 'p-respondent'],
    outcome: M.SessionOutcome.SESSION_OUTCOME_AGREEMENT_LIKELY,
    summary: '双方同意协商',
  });
  const agreed = await h.act('reachAgreement', mediator, caseId, {
    form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
    facts: '被申请人装修时损坏申请人家中墙面。',
    issues: '赔偿金额。',
    responsibilities: '被申请人承担全部责任。',
    signedPartyIds: ['p-applicant', 'p-respondent'],
    effectiveAt: ts(new Date()),
    terms: {
      obligations: [
        {
          obligorPartyId: 'p-respondent',
          obligeePartyId: 'p-applicant',
          kind: M.ObligationKind.OBLIGATION_KIND_PAYMENT,
          description: '赔偿墙面修复费用',
          amount: { currencyCode: 'CNY', amountFen: '300000' },
          manner: M.PerformanceManner.PERFORMANCE_MANNER_INSTALMENTS,
          instalments: [
            {
              amount: { currencyCode: 'CNY', amountFen: '100000' },
              dueAt: ts(new Date(Date.now() + 10 * day)),
            },
            {
              amount: { currencyCode: 'CNY', amountFen: '200000' },
              dueAt: ts(new Date(Date.now() + 40 * day)),
            },
          ],
        },
      ],
    },
    parties: [
      {
        partyId: 'p-applicant',
        role: 1,
        kind: 1,
        name: '王秀英',
        idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
        idNumber: '210202198503120426',
        address: '中山区光景街1号',
      },
      {
        partyId: 'p-respondent',
        role: 2,
        kind: 1,
        name: '李建国',
        idType: commonV1.IdType.ID_TYPE_PASSPORT,
        idNumber: 'E12345678',
        address: '中山区光景街2号',
      },
    ],
  });
  expect(agreed.status).toBe(M.MediationStatus.MEDIATION_STATUS_AGREED);
  return caseId;
}

it('(1) point -> community committee -> agreement -> judicial confirmation -> follow-up -> closed', async () => {
  const caseId = await agreedCase();
  await h.act('requestJudicialConfirmation', mediator, caseId, {
    applicantPartyIds: ['p-applicant', 'p-respondent'],
  });
  await h.act('recordConfirmation', mediator, caseId, {
    result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_ACCEPTED,
    confirmationNumber: '（2026）辽0202民特123号',
  });
  await h.act('recordConfirmation', mediator, caseId, {
    result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED,
  });
  const agreement = (await h.get(caseId)).agreement!;
  const obligationId = agreement.terms!.obligations[0].obligationId;
  for (const n of [1, 2])
    await h.act('recordPerformance', mediator, caseId, {
      obligationId,
      instalmentNumber: n,
      status: M.PerformanceStatus.PERFORMANCE_STATUS_PERFORMED,
    });
  await h.act('recordFollowUp', mediator, caseId, {
    method: M.ContactMethod.CONTACT_METHOD_PHONE,
    result: M.FollowUpResult.FOLLOW_UP_RESULT_PERFORMED,
  });
  await h.act('recordSatisfaction', mediator, caseId, { partyId: 'p-applicant', score: 5 });
  const closed = await h.act('closeMediation', mediator, caseId, {
    outcome: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
  });
  expect(closed.status).toBe(M.MediationStatus.MEDIATION_STATUS_CLOSED);
  expect(closed.judicialConfirmation?.status).toBe(
    M.JudicialConfirmationStatus.JUDICIAL_CONFIRMATION_STATUS_CONFIRMED,
  );
  expect(closed.judicialConfirmation?.court?.code).toBe('CRT-210202');
  expect(closed.path.map((p) => p.committee?.code)).toEqual([POINT, COMMUNITY_COMMITTEE]);
  const types = closed.timeline.map((t) => t.eventType.split('.').pop());
  expect(types).toEqual([
    'MediationCreated',
    'MediationEscalated',
    'MediationAccepted',
    'ConsentRecorded',
    'ConsentRecorded',
    'MediatorsAssigned',
    'SessionRecorded',
    'AgreementReached',
    'JudicialConfirmationRequested',
    'JudicialConfirmationRecorded',
    'JudicialConfirmationRecorded',
    'PerformanceRecorded',
    'PerformanceRecorded',
    'FollowUpRecorded',
    'SatisfactionRecorded',
    'MediationClosed',
  ]);
  // Every entry is a sentence in both languages, with names and words, never codes or numbers.
  for (const entry of closed.timeline) {
    expect(entry.summaryText?.zh).toMatch(/[\u4e00-\u9fff].*。$/);
    expect(entry.summaryText?.en).toBe(entry.summary);
    for (const text of [entry.summary, entry.summaryText!.zh])
      expect(text).not.toMatch(/[A-Z]{2,}_[A-Z_]+|reason \d|result \d|type \d|MC-\d|CRT-\d/);
  }
  expect(closed.timeline[1].summaryText).toEqual({
    zh: '因案情复杂，由光景社区老年活动室评理说事点提交中山区元滩街道光景社区人民调解委员会调解。',
    en: 'Escalated from 光景社区老年活动室评理说事点 to 中山区元滩街道光景社区人民调解委员会 because the case is complex.',
  });
  expect(closed.timeline[9].summaryText).toEqual({
    zh: '法院已立案（（2026）辽0202民特123号）。',
    en: 'The court accepted the application (（2026）辽0202民特123号).',
  });
  // The escalation was taken at the point, everything after it at the community committee.
  expect(closed.timeline[1].committee?.code).toBe(POINT);
  expect(closed.timeline[2].committee?.code).toBe(COMMUNITY_COMMITTEE);
  expect(closed.timeline[2].actor?.subject).toBe(mediator.subject);
  // Every step went out through the outbox, numbered 1..16.
  const events = await h.waitForEvents(caseId, 16);
  expect(events.map((e) => e.sequence)).toEqual([...Array(16)].map((_, i) => i + 1));
  expect(events.map((e) => e.type)).toEqual(types);
});

it('(8b) first downloads of a new agreement at the same moment all answer with one stored PDF', async () => {
  const caseId = await agreedCase();
  const docs = await Promise.all(
    [...Array(6)].map(() => h.call('getAgreementDocument', { mediationId: caseId }, mediator)),
  );
  expect(new Set(docs.map((d) => d.sha256)).size).toBe(1);
  const later = await h.call('getAgreementDocument', { mediationId: caseId }, mediator);
  expect(later.sha256).toBe(docs[0]!.sha256);
});

it('(8c) the agreement parties and the PDF are sealed at rest; older ones are sealed at start', async () => {
  const caseId = await agreedCase();
  const doc = await h.call('getAgreementDocument', { mediationId: caseId }, mediator);
  const db = await connectMongo({ url: h.config.MONGO_URL, dbName: h.config.MONGO_DB });
  try {
    const mediations = db.collection('mediations');
    const pdfs = db.collection('agreement_documents');
    const stored = async () => ({
      mediation: JSON.stringify(await mediations.findOne({ _id: caseId as never })),
      pdf: Buffer.from(((await pdfs.findOne({ mediationId: caseId }))!.content as Binary).buffer),
    });
    const atRest = await stored();
    for (const clear of ['210202198503120426', '中山区光景街1号', 'E12345678'])
      expect(atRest.mediation).not.toContain(clear);
    expect(atRest.mediation).toContain('王秀英'); // names stay searchable, as in intake
    expect(atRest.pdf.subarray(0, 4).toString('latin1')).toBe('MSB1');
    expect(atRest.pdf.includes(Buffer.from('%PDF'))).toBe(false);

    // Kept in clear before sealing: the parties as written and the PDF, sealed at the next start.
    const clear: Record<string, [string, string]> = {
      'p-applicant': ['210202198503120426', '中山区光景街1号'],
      'p-respondent': ['E12345678', '中山区光景街2号'],
    };
    const sealedParties = (await mediations.findOne({ _id: caseId as never }))!
      .agreementParties as Array<{ partyId: string }>;
    const plainParties = sealedParties.map((p) => ({
      ...p,
      idNumber: clear[p.partyId]![0],
      address: clear[p.partyId]![1],
    }));
    await mediations.updateOne(
      { _id: caseId as never },
      { $set: { agreementParties: plainParties } },
    );
    await pdfs.updateOne({ mediationId: caseId }, { $set: { content: doc.content } });
    await db
      .collection('migrations')
      .deleteOne({ _id: 'seal-agreement-personal-data-v1' as never });
    const inClear = await stored();
    expect(inClear.mediation).toContain('210202198503120426');
    // Read as they are until then.
    expect((await h.call('getAgreementDocument', { mediationId: caseId }, mediator)).sha256).toBe(
      doc.sha256,
    );
    await h.stopService();
    await h.boot();
    const resealed = await stored();
    expect(resealed.mediation).not.toContain('210202198503120426');
    expect(resealed.pdf.subarray(0, 4).toString('latin1')).toBe('MSB1');
    const served = await h.call('getAgreementDocument', { mediationId: caseId }, mediator);
    expect(Buffer.from(served.content).equals(Buffer.from(doc.content))).toBe(true);
    const text = (await pdfText(served.content)).replace(/\s+/g, '');
    expect(text).toContain('居民身份证号码：210202198503120426');
  } finally {
    await db.close();
  }
});

it('(8) the agreement PDF names the case, the parties and the mediator (art. 29); the case file is one zip', async () => {
  const caseId = await agreedCase();
  const m = await h.get(caseId);
  const doc = await h.call('getAgreementDocument', { mediationId: caseId }, mediator);
  expect(doc.contentType).toBe('application/pdf');
  const text = (await pdfText(doc.content)).replace(/\s+/g, '');
  expect(text).toContain(m.caseNumber.replace(/\s+/g, ''));
  // Art. 29: each party's name, identity and address; the mediator who signs; the seal.
  expect(text).toContain(
    '申请人：王秀英，居民身份证号码：210202198503120426，住址：中山区光景街1号',
  );
  expect(text).toContain('被申请人：李建国，护照号码：E12345678，住址：中山区光景街2号');
  expect(text).toContain('人民调解员：调解员m-1');
  expect(text).toContain('申请人（签名、盖章或按指印）：王秀英');
  expect(text).toContain('人民调解员（签名）：调解员m-1');
  expect(text).toContain('人民调解委员会（印章）');
  expect(text).toContain('人民调解协议书');
  expect(text).toContain('中山区元滩街道光景社区人民调解委员会');
  // Stored: the same document again.
  const again = await h.call('getAgreementDocument', { mediationId: caseId }, mediator);
  expect(again.sha256).toBe(doc.sha256);
  // The English reference copy: the labels translated, the parties' words as written; the
  // Chinese document stays the one kept.
  const en = await h.call(
    'getAgreementDocument',
    { mediationId: caseId, language: 'en' },
    mediator,
  );
  const english = (await pdfText(en.content)).replace(/\s+/g, ' ');
  expect(english).toContain('People’s Mediation Agreement');
  expect(english).toContain('English reference copy');
  expect(english.replace(/\s+/g, '')).toContain(
    'Applicant:王秀英;Residentidentitycardno.:210202198503120426;address:中山区光景街1号',
  );
  expect(english).toContain('People’s mediator (signature)');
  expect(english).not.toContain('申请人：');
  expect(en.sha256).not.toBe(doc.sha256);
  expect((await h.call('getAgreementDocument', { mediationId: caseId }, mediator)).sha256).toBe(
    doc.sha256,
  );
  await expect(
    h.call('getAgreementDocument', { mediationId: caseId, language: 'fr' }, mediator),
  ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });

  const file = await h.call('exportCaseFile', { mediationId: caseId }, mediator);
  expect(file.contentType).toBe('application/zip');
  const entries = unzipSync(new Uint8Array(file.content));
  expect(Object.keys(entries)).toEqual(
    expect.arrayContaining(['registration.json', 'timeline.tsv', 'agreement.pdf']),
  );
  expect(Buffer.from(entries['agreement.pdf']).equals(Buffer.from(doc.content))).toBe(true);
});

it('(3) a party refusing mediation stops the process', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  const stopped = await h.act('recordRefusal', mediator, caseId, {
    partyId: 'p-respondent',
    subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATION,
    method: M.ConsentMethod.CONSENT_METHOD_ORAL,
    reason: '不愿调解',
  });
  expect(stopped.status).toBe(M.MediationStatus.MEDIATION_STATUS_STOPPED_BY_REFUSAL);
  expect(
    stopped.deadlines.every((d) => d.status !== M.DeadlineStatus.DEADLINE_STATUS_PENDING),
  ).toBe(true);
  await expect(
    h.act('scheduleSession', mediator, caseId, {
      scheduledAt: { seconds: '2000000000', nanos: 0 },
    }),
  ).rejects.toMatchObject({ code: 9, details: expect.stringContaining('STOPPED_BY_REFUSAL') });
  const events = await h.waitForEvents(caseId, 3);
  expect(events.find((e) => e.type === 'RefusalRecorded')).toMatchObject({
    type: 'RefusalRecorded',
    payload: { stopsMediation: true },
  });
});

it('(4) failure with a referral request to a court', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  const failed = await h.act('fail', mediator, caseId, {
    reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
    remediesTold: [commonV1.Remedy.REMEDY_LITIGATION, commonV1.Remedy.REMEDY_ARBITRATION],
    referralRequest: {
      institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
      remedy: commonV1.Remedy.REMEDY_LITIGATION,
      summary: '调解不成，当事人选择诉讼',
    },
  });
  expect(failed.status).toBe(M.MediationStatus.MEDIATION_STATUS_FAILED);
  expect(failed.failure?.referralRequested).toBe(true);
  const events = await h.waitForEvents(caseId, 3);
  expect(events.find((e) => e.type === 'MediationFailed')).toMatchObject({
    type: 'MediationFailed',
    payload: {
      referralRequested: true,
      referralInstitutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
      referralRemedy: commonV1.Remedy.REMEDY_LITIGATION,
    },
  });
});

it('(9) no agreement without a lead mediator (arts. 28, 29); no confirmation of a marriage (法释〔2011〕5号 art. 4)', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  await consentAll(caseId);
  const agreement = {
    form: M.AgreementForm.AGREEMENT_FORM_ORAL,
    facts: '双方婚姻关系已破裂。',
    issues: '解除婚姻关系。',
    terms: { otherTerms: '双方同意离婚。' },
    statusMatters: [M.StatusMatter.STATUS_MATTER_MARRIAGE],
  };
  const before = await h.get(caseId);
  await expect(h.act('reachAgreement', mediator, caseId, agreement)).rejects.toMatchObject({
    code: 9, // FAILED_PRECONDITION
    details: expect.stringContaining('assign a lead mediator'),
  });
  expect((await h.get(caseId)).version).toBe(before.version);

  await h.act('assignMediators', mediator, caseId, {
    mediators: [{ mediatorId: 'm-1', role: M.MediatorRole.MEDIATOR_ROLE_LEAD }],
  });
  const agreed = await h.act('reachAgreement', mediator, caseId, agreement);
  expect(agreed.agreement?.statusMatters).toEqual([M.StatusMatter.STATUS_MATTER_MARRIAGE]);
  await expect(
    h.act('requestJudicialConfirmation', mediator, caseId, {
      applicantPartyIds: ['p-applicant', 'p-respondent'],
    }),
  ).rejects.toMatchObject({
    code: 9,
    details: expect.stringMatching(
      /CONFIRMATION_REFUSAL_REASON_MARRIAGE.*确认婚姻关系的，人民法院不予受理/,
    ),
  });
  const after = await h.get(caseId);
  expect(after.version).toBe(agreed.version);
  expect(after.judicialConfirmation?.status).toBe(
    M.JudicialConfirmationStatus.JUDICIAL_CONFIRMATION_STATUS_NOT_REQUESTED,
  );
});
