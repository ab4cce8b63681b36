import { commonV1, mediationV1, MediationHarness, staff } from './support/mediation-harness';

const M = mediationV1;
const COMMUNITY = '210202002001';
const OTHER_DISTRICT = '210203';
const mediator = staff('MC-210202002001', COMMUNITY);
const streetAdmin = staff('MC-210202002', '210202002', commonV1.Role.ROLE_COMMITTEE_ADMIN);

const h = new MediationHarness();
beforeAll(async () => {
  await h.start();
  await h.keepRoster('MC-210202002001', [['m-lead', M.Gender.GENDER_FEMALE]]);
});
afterAll(() => h.stop());

it('lists by subtree, workload and deadlines within the caller scope only', async () => {
  const a = await h.openCase(COMMUNITY);
  const b = await h.openCase(COMMUNITY);
  const far = await h.openCase(OTHER_DISTRICT);
  await Promise.all([a, b, far].map((id) => h.waitForMediation(id)));
  await h.act('accept', mediator, a);
  await h.act('assignMediators', mediator, a, {
    mediators: [{ mediatorId: 'm-lead', role: M.MediatorRole.MEDIATOR_ROLE_LEAD }],
  });

  const list = await h.call('listBySubtree', { orgUnitCode: '210202002' }, streetAdmin);
  expect(list.mediations.map((m) => m.mediationId).sort()).toEqual([a, b].sort());
  // Pages of one: the first says another follows, the second does not.
  const first = await h.call(
    'listBySubtree',
    { orgUnitCode: '210202002', page: { pageSize: 1 } },
    streetAdmin,
  );
  expect(first.mediations).toHaveLength(1);
  expect(first.page!.nextPageToken).toBe('1');
  const second = await h.call(
    'listBySubtree',
    { orgUnitCode: '210202002', page: { pageSize: 1, pageToken: '1' } },
    streetAdmin,
  );
  expect(second.mediations).toHaveLength(1);
  expect(second.page!.nextPageToken).toBe('');
  expect([first, second].map((p) => p.mediations[0].mediationId)).toEqual(
    list.mediations.map((m) => m.mediationId),
  );
  const inProgress = await h.call(
    'listBySubtree',
    { statuses: [M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS] },
    streetAdmin,
  );
  expect(inProgress.mediations.map((m) => [m.mediationId, m.leadMediatorId])).toEqual([
    [a, 'm-lead'],
  ]);
  await expect(
    h.call('listBySubtree', { orgUnitCode: OTHER_DISTRICT }, streetAdmin),
  ).rejects.toMatchObject({ code: 7 });
  await expect(h.call('getMediation', { mediationId: far }, mediator)).rejects.toMatchObject({
    code: 7,
  });

  const workload = await h.call('listWorkload', { orgUnitCode: COMMUNITY }, mediator);
  expect(
    workload.rows.map((r) => [r.committee?.code, r.mediatorId, r.openCount, r.dueSoonCount]),
  ).toEqual([
    ['MC-210202002001', '', 1, 1], // b awaits acceptance, due within 3 days
    ['MC-210202002001', 'm-lead', 1, 0], // a: the one-month term
  ]);

  const deadlines = await h.call('listDeadlines', { orgUnitCode: '210202002' }, streetAdmin);
  expect(deadlines.deadlines.map((d) => [d.mediationId, d.kind])).toEqual([
    [b, M.DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION],
    [a, M.DeadlineKind.DEADLINE_KIND_MEDIATION_TERM],
  ]);
});
