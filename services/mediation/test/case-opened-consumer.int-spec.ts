import { eventually } from '@mediation/testing';
import { commonV1, EVENT_TYPES, intakeV1, mediationV1, toTimestamp } from '@mediation/contracts';
import { MONGO_CONNECTION } from '@mediation/service-kit';
import type { Connection } from 'mongoose';
import { MediationHarness, staff } from './support/mediation-harness';

const COMMUNITY = '210202002001';
const mediator = staff('MC-210202002001', COMMUNITY);

const h = new MediationHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

/** Waits until the consumer has applied (or skipped) the case's events up to `sequence`. */
function appliedUpTo(caseId: string, sequence: number) {
  const connection = h.service.app.get<Connection>(MONGO_CONNECTION);
  return eventually(
    async () => {
      const doc = await connection
        .collection<{ _id: string; sequence: number }>('applied_sequences')
        .findOne({ _id: `${h.config.MEDIATION_CONSUMER_GROUP}|intake.case/${caseId}` });
      return doc && doc.sequence >= sequence ? true : undefined;
    },
    { what: `sequence ${sequence} of ${caseId} applied` },
  );
}

it('(7) redelivered and out-of-order CaseOpened never create or change a mediation twice', async () => {
  const eventId = 'evt-once';
  const caseId = await h.openCase(COMMUNITY, { eventId });
  await h.openCase(COMMUNITY, { caseId, eventId }); // redelivery of the same message
  await h.openCase(COMMUNITY, { caseId, sequence: 1 }); // a re-publish by intake's relay
  await h.waitForMediation(caseId);
  const accepted = await h.act('accept', mediator, caseId);

  // Later events, then a stale CaseOpened again (out of order), then one under a new sequence.
  await h.publishIntake(
    EVENT_TYPES.CaseAmended.type,
    caseId,
    2,
    intakeV1.CaseAmended.fromPartial({ caseId }),
  );
  await h.openCase(COMMUNITY, { caseId, sequence: 1 });
  await h.openCase(COMMUNITY, { caseId, sequence: 3, caseNumber: 'another number' });
  await appliedUpTo(caseId, 3);

  const m = await h.get(caseId);
  expect(m.version).toBe(accepted.version);
  expect(m.caseNumber).not.toBe('another number');
  expect(m.timeline.map((t) => t.eventType.split('.').pop())).toEqual([
    'MediationCreated',
    'MediationAccepted',
  ]);
  const events = await h.waitForEvents(caseId, 2);
  // A sleep, as it proves that no second MediationCreated follows.
  await new Promise((r) => setTimeout(r, 500));
  expect(h.eventsFor(caseId).filter((e) => e.type === 'MediationCreated')).toHaveLength(1);
  expect(events).toHaveLength(2);
});

it('(7) a case opened at a street goes to the street committee', async () => {
  const caseId = await h.openCase('210202002');
  const m = await h.waitForMediation(caseId);
  expect(m.committee?.code).toBe('MC-210202002');
  expect(m.deadlines).toHaveLength(1);
});

it('(7) an entrusted case keeps its referral, the entrusting court and the entrusted term', async () => {
  const caseId = 'entrusted-' + Date.now().toString(36);
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  await h.publishIntake(
    EVENT_TYPES.CaseOpened.type,
    caseId,
    1,
    intakeV1.CaseOpened.fromPartial({
      caseId,
      caseNumber: '（2026）诉前调字第1号',
      referralId: 'ref-1',
      entrustedTermDueAt: toTimestamp(due),
      facts: {
        orgUnit: { code: COMMUNITY, level: 4 },
        referringInstitutionCode: 'CRT-210202',
        referringInstitutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
        parties: [],
      },
    }),
  );
  const m = await h.waitForMediation(caseId);
  expect(m.referralId).toBe('ref-1');
  expect(m.entrustedBy).toEqual({
    code: 'CRT-210202',
    type: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
  });
  const term = m.deadlines.find(
    (d) => d.kind === mediationV1.DeadlineKind.DEADLINE_KIND_ENTRUSTED_TERM,
  );
  expect(term?.institution?.code).toBe('CRT-210202');
  expect(Number(term?.dueAt?.seconds)).toBe(Math.floor(due.getTime() / 1000));
});

it('CaseWithdrawn closes an open mediation as WITHDRAWN, once', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  const withdrawn = intakeV1.CaseWithdrawn.fromPartial({
    caseId,
    requestedByPartyId: 'p-applicant',
  });
  await h.publishIntake(EVENT_TYPES.CaseWithdrawn.type, caseId, 2, withdrawn);
  await h.publishIntake(EVENT_TYPES.CaseWithdrawn.type, caseId, 2, withdrawn); // redelivered
  await appliedUpTo(caseId, 2);
  const m = await h.get(caseId);
  expect(m.status).toBe(mediationV1.MediationStatus.MEDIATION_STATUS_CLOSED);
  expect(m.closure?.outcome).toBe(mediationV1.ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN);
  expect(m.timeline).toHaveLength(2);
  const events = await h.waitForEvents(caseId, 2);
  expect(events[1]).toMatchObject({
    type: 'MediationClosed',
    payload: { finalStatus: mediationV1.MediationStatus.MEDIATION_STATUS_WITHDRAWN },
  });
});

it('CaseAmended corrects a pending mediation’s copy of the case; after acceptance it is ignored', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  const amended = (sequence: number, category: commonV1.DisputeCategory) =>
    h.publishIntake(
      EVENT_TYPES.CaseAmended.type,
      caseId,
      sequence,
      intakeV1.CaseAmended.fromPartial({
        caseId,
        changedFields: ['category', 'risk'],
        amendedBy: { subject: 'clerk-1', role: 3, orgUnitCode: COMMUNITY, displayName: '周登记' },
        facts: {
          orgUnit: { code: COMMUNITY, level: 4 },
          category,
          riskLevel: commonV1.RiskLevel.RISK_LEVEL_HIGH,
          parties: [],
        },
      }),
    );
  await amended(2, commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT);
  await appliedUpTo(caseId, 2);
  const corrected = await h.get(caseId);
  expect(corrected).toMatchObject({
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT,
    riskLevel: commonV1.RiskLevel.RISK_LEVEL_HIGH,
    status: mediationV1.MediationStatus.MEDIATION_STATUS_PENDING_ACCEPTANCE,
  });
  expect(corrected.timeline.at(-1)).toMatchObject({
    eventType: 'mediation.intake.v1.CaseAmended',
    actorDisplayName: '周登记',
    summaryText: { zh: '登记信息更正（纠纷类别、风险等级）' },
  });

  await h.act('accept', mediator, caseId);
  await amended(3, commonV1.DisputeCategory.DISPUTE_CATEGORY_LABOUR);
  await appliedUpTo(caseId, 3);
  const after = await h.get(caseId);
  expect(after.category).toBe(commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT);
  expect(after.timeline.map((t) => t.eventType.split('.').pop())).toEqual([
    'MediationCreated',
    'CaseAmended',
    'MediationAccepted',
  ]);
  // The correction is intake's fact: the mediation publishes nothing for it.
  expect(await h.waitForEvents(caseId, 2)).toHaveLength(2);
});
