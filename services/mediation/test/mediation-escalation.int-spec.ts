import { commonV1, mediationV1, MediationHarness, staff } from './support/mediation-harness';

const M = mediationV1;
const POINT = '210202002001P01';
const levels = {
  point: { code: POINT, unit: POINT },
  community: { code: 'MC-210202002001', unit: '210202002001' },
  street: { code: 'MC-210202002', unit: '210202002' },
  district: { code: 'MC-210202', unit: '210202' },
};
const as = Object.fromEntries(
  Object.entries(levels).map(([k, v]) => [
    k,
    staff(
      v.code,
      v.unit,
      k === 'point' ? commonV1.Role.ROLE_VOLUNTEER : commonV1.Role.ROLE_MEDIATOR,
    ),
  ]),
) as Record<keyof typeof levels, commonV1.Principal>;

const h = new MediationHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

const denied = { code: 7 };
const escalation = { reason: M.EscalationReason.ESCALATION_REASON_BEYOND_AUTHORITY };

it('(2) escalates point -> community -> street -> district, each level acting only while it holds the case', async () => {
  const caseId = await h.openCase(POINT);
  await h.waitForMediation(caseId);

  // Nobody above acts while the point holds the case.
  await expect(h.act('accept', as.community, caseId)).rejects.toMatchObject(denied);
  await h.act('escalate', as.point, caseId, escalation);

  await expect(h.act('accept', as.point, caseId)).rejects.toMatchObject(denied);
  await expect(h.act('accept', as.street, caseId)).rejects.toMatchObject(denied);
  await h.act('accept', as.community, caseId);
  await h.act('escalate', as.community, caseId, escalation);

  await expect(h.act('escalate', as.community, caseId, escalation)).rejects.toMatchObject(denied);
  await expect(h.act('accept', as.district, caseId)).rejects.toMatchObject(denied);
  await h.act('accept', as.street, caseId);
  await h.act('escalate', as.street, caseId, escalation);

  await expect(h.act('accept', as.street, caseId)).rejects.toMatchObject(denied);
  const final = await h.act('accept', as.district, caseId);

  expect(final.committee?.code).toBe(levels.district.code);
  expect(final.committee?.level).toBe(commonV1.HandlingLevel.HANDLING_LEVEL_DISTRICT);
  expect(final.status).toBe(M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS);
  expect(final.path.map((p) => p.committee?.code)).toEqual(
    Object.values(levels).map((l) => l.code),
  );
  expect(final.path.slice(0, 3).every((p) => p.leftAt !== null)).toBe(true);
  expect(final.path[3].leftAt).toBeNull();

  // The history is intact: every step, who took it and at which level.
  const steps = final.timeline.map((t) => [
    t.eventType.split('.').pop(),
    t.committee?.code,
    t.actor?.subject,
  ]);
  expect(steps).toEqual([
    ['MediationCreated', POINT, ''],
    ['MediationEscalated', POINT, as.point.subject],
    ['MediationAccepted', levels.community.code, as.community.subject],
    ['MediationEscalated', levels.community.code, as.community.subject],
    ['MediationAccepted', levels.street.code, as.street.subject],
    ['MediationEscalated', levels.street.code, as.street.subject],
    ['MediationAccepted', levels.district.code, as.district.subject],
  ]);

  // The lower levels can still read the case they passed on.
  const read = await h.call('getMediation', { caseId }, as.community);
  expect(read.mediation!.version).toBe(final.version);

  const events = await h.waitForEvents(caseId, 7);
  const escalations = events.filter((e) => e.type === 'MediationEscalated');
  expect(escalations.map((e) => (e.payload.path as unknown[]).length)).toEqual([2, 3, 4]);
  expect(escalations[2].payload).toMatchObject({
    fromCommittee: { code: levels.street.code },
    toCommittee: { code: levels.district.code },
  });
});
