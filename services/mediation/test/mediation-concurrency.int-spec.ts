import { mediationV1, MediationHarness, staff } from './support/mediation-harness';

const M = mediationV1;
const COMMUNITY = '210202002001';
const mediator = staff('MC-210202002001', COMMUNITY);
const ABORTED = 10;
const FAILED_PRECONDITION = 9;

const h = new MediationHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

it('(5) refuses steps the state machine does not allow, with a clear message', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await expect(
    h.act('reachAgreement', mediator, caseId, {
      form: M.AgreementForm.AGREEMENT_FORM_ORAL,
      facts: 'x',
    }),
  ).rejects.toMatchObject({
    code: FAILED_PRECONDITION,
    details: expect.stringMatching(
      /ReachAgreement is not allowed while the mediation is PENDING_ACCEPTANCE/,
    ),
  });
  await h.act('accept', mediator, caseId);
  await expect(h.act('accept', mediator, caseId)).rejects.toMatchObject({
    code: FAILED_PRECONDITION,
    details: expect.stringContaining('IN_PROGRESS'),
  });
  await expect(h.act('requestJudicialConfirmation', mediator, caseId)).rejects.toMatchObject({
    code: FAILED_PRECONDITION,
  });
  // Agreement before every party consented (art. 17).
  await expect(
    h.act('reachAgreement', mediator, caseId, {
      form: M.AgreementForm.AGREEMENT_FORM_ORAL,
      facts: 'x',
      terms: { otherTerms: 'y' },
    }),
  ).rejects.toMatchObject({
    code: FAILED_PRECONDITION,
    details: expect.stringContaining('consent'),
  });
  // Failing without telling the parties of any route (art. 26) is a bad request.
  await expect(
    h.act('fail', mediator, caseId, { reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS }),
  ).rejects.toMatchObject({ code: 3 });
  const m = await h.get(caseId);
  expect(m.status).toBe(M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS);
  expect(m.version).toBe('2');
});

it('(5) a stale expected_version is ABORTED', async () => {
  const caseId = await h.openCase(COMMUNITY);
  const created = await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  await expect(
    h.call('escalate', { mediationId: caseId, expectedVersion: created.version }, mediator),
  ).rejects.toMatchObject({ code: ABORTED });
});

it('(5) of two concurrent commands on one version, one wins and the other is ABORTED', async () => {
  const caseId = await h.openCase(COMMUNITY);
  const created = await h.waitForMediation(caseId);
  const base = { mediationId: caseId, expectedVersion: created.version };
  const results = await Promise.allSettled([
    h.call('accept', base, mediator),
    h.call(
      'reject',
      { ...base, reason: M.RejectionReason.REJECTION_REASON_NOT_CIVIL_DISPUTE },
      mediator,
    ),
    h.call('escalate', base, mediator),
  ]);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost.map((r) => (r.reason as { code: number }).code)).toEqual([ABORTED, ABORTED]);
  const m = await h.get(caseId);
  expect(m.version).toBe('2');
  expect(m.timeline).toHaveLength(2);
  const events = await h.waitForEvents(caseId, 2);
  expect(events).toHaveLength(2);
});
