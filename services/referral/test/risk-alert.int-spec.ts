import { randomUUID } from 'node:crypto';
import { commonV1, intakeV1, referralV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { eventually } from '@mediation/testing';
import { principals, ReferralHarness } from './support/referral-harness';

// A case flagged at risk of turning violent (art. 25) reaches its district's police desk, with
// an audit trail; a mass-petition risk goes to the petition desk; redelivery alerts once.
const { RiskLevel, RiskFactor } = commonV1;
const PLACE = orgDirectory()
  .units('COMMUNITY')
  .find((u) => u.code.startsWith('210211') && u.active)!.code;
const police = principals.lawyer('officer-1', 'PSB-210211-D01', 'PSB-210211');
const petition = principals.lawyer('petition-1', 'PET-210211-D01', 'PET-210211');

let h: ReferralHarness;
beforeAll(async () => {
  h = await ReferralHarness.start();
});
afterAll(() => h?.stop());

const caseOpened = (caseId: string, level: commonV1.RiskLevel, factors: commonV1.RiskFactor[]) =>
  intakeV1.CaseOpened.fromPartial({
    caseId,
    caseNumber: '（2026）甘井子调字第00001号',
    facts: {
      orgUnit: { code: PLACE, level: 4 },
      committee: { code: `MC-${PLACE}`, orgUnitCode: PLACE, level: 4 },
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      peopleInvolved: 3,
      riskLevel: level,
      riskFactors: factors,
    },
  });

async function pendingAt(principal: commonV1.Principal, caseId: string) {
  return eventually(
    async () => {
      const res = await h.call(
        'listInbox',
        { deskCode: principal.deskCode, filter: referralV1.InboxFilter.INBOX_FILTER_PENDING },
        principal,
      );
      return res.referrals.find((r) => r.caseId === caseId);
    },
    { what: `an alert for ${caseId} at ${principal.deskCode}` },
  );
}

it('routes an at-risk case to the district police desk, once, with an audit trail', async () => {
  const caseId = randomUUID();
  const opened = caseOpened(caseId, RiskLevel.RISK_LEVEL_HIGH, [RiskFactor.RISK_FACTOR_VIOLENCE]);
  await h.publish('mediation.intake.v1.CaseOpened', opened, caseId);
  const alert = await pendingAt(police, caseId);
  expect(alert).toMatchObject({
    kind: referralV1.ReferralKind.REFERRAL_KIND_RISK_ALERT,
    desk: { code: 'PSB-210211-D01' },
    orgUnit: { code: PLACE },
    caseNumber: '（2026）甘井子调字第00001号',
  });
  const raised = await eventually(
    async () => h.events('mediation.referral.v1.RiskAlertRaised', alert.referralId)[0],
  );
  expect(raised).toMatchObject({
    riskLevel: RiskLevel.RISK_LEVEL_HIGH,
    riskFactors: [RiskFactor.RISK_FACTOR_VIOLENCE],
    triggerEventType: 'mediation.intake.v1.CaseOpened',
    context: { caseId, desk: { code: 'PSB-210211-D01' } },
  });

  // Redelivered, and amended with the risk still high: still one alert.
  await h.publish('mediation.intake.v1.CaseOpened', opened, caseId, { sequence: 1 });
  await h.publish(
    'mediation.intake.v1.CaseAmended',
    intakeV1.CaseAmended.fromPartial({ caseId, facts: opened.facts ?? undefined }),
    caseId,
  );
  // The officer acknowledges by claiming it: the audit trail shows who saw it when.
  await h.call('claim', { referralId: alert.referralId, expectedVersion: alert.version }, police);
  const { referral } = await h.call('getReferral', { referralId: alert.referralId }, police);
  expect(referral!.history.map((s) => s.eventType)).toEqual([
    'mediation.referral.v1.ReferralCreated',
    'mediation.referral.v1.RiskAlertRaised',
    'mediation.referral.v1.ReferralClaimed',
  ]);
  expect(referral!.history[2].actor!.subject).toBe('officer-1');
  const all = await h.call(
    'listInbox',
    { deskCode: 'PSB-210211-D01', filter: referralV1.InboxFilter.INBOX_FILTER_ALL },
    police,
  );
  expect(all.referrals.filter((r) => r.caseId === caseId)).toHaveLength(1);
});

it('sends a mass-petition risk to the petition desk and ignores low risks', async () => {
  const petitionCase = randomUUID();
  const lowCase = randomUUID();
  await h.publish(
    'mediation.intake.v1.CaseOpened',
    caseOpened(lowCase, RiskLevel.RISK_LEVEL_LOW, [RiskFactor.RISK_FACTOR_VIOLENCE]),
    lowCase,
  );
  await h.publish(
    'mediation.intake.v1.CaseOpened',
    caseOpened(petitionCase, RiskLevel.RISK_LEVEL_HIGH, [RiskFactor.RISK_FACTOR_MASS_PETITION]),
    petitionCase,
  );
  await pendingAt(petition, petitionCase);
  const policeInbox = await h.call(
    'listInbox',
    { deskCode: 'PSB-210211-D01', filter: referralV1.InboxFilter.INBOX_FILTER_ALL },
    police,
  );
  expect(policeInbox.referrals.map((r) => r.caseId)).not.toContain(lowCase);
  expect(policeInbox.referrals.map((r) => r.caseId)).not.toContain(petitionCase);
});
