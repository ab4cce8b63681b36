import { walkInCase } from './support/walk-in-case';
import { commonV1, mediationV1, referralV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { Platform } from '@mediation/test-platform';
import { eventually } from '@mediation/testing';
import { principals } from './support/referral-harness';

// A committee's own words for the desk, from the console's fail form to the lawyer's referral,
// through the REAL intake, mediation and referral processes (their build output, this run's own
// databases and topics): the event says only that there are some, the referral service reads them
// from the mediation.
const { Role } = commonV1;
const directory = orgDirectory();
const POINT = directory
  .units('POINT')
  .find((p) => p.active && directory.districtOf(p.code)?.code === '210202')!.code;
const COURT = { desk: 'CRT-210202-D01', institution: 'CRT-210202' };
const administrator = principals.admin();
const volunteer = commonV1.Principal.fromPartial({
  subject: `volunteer-${POINT}`,
  roles: [Role.ROLE_VOLUNTEER],
  orgUnitCode: POINT,
  committeeCode: POINT,
});
const lawyer = principals.lawyer('lawyer-hf', COURT.desk, COURT.institution);

let platform: Platform;

beforeAll(async () => {
  platform = await Platform.start({
    name: 'handover',
    services: ['intake', 'mediation', 'referral'],
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

async function failedWithReferral(referralRequest: Partial<mediationV1.ReferralRequest>) {
  const { case: kase } = await platform.client('intake').call(
    'openCase',
    walkInCase(POINT, {
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_DAMAGES,
      parties: [
        { kind: 1, role: commonV1.PartyRole.PARTY_ROLE_APPLICANT, name: '韩梅' },
        { kind: 1, role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT, name: '某建筑公司' },
      ],
      description: '储藏室被淹',
    }),
    { principal: volunteer },
  );
  const caseId = kase!.caseId;
  const mediation = platform.client('mediation');
  const created = await eventually(
    () =>
      mediation
        .call('getMediation', { caseId }, { principal: administrator })
        .then((r) => r.mediation ?? undefined),
    { timeoutMs: 30_000, what: `the mediation of case ${caseId}` },
  );
  const accepted = await mediation.call(
    'accept',
    { mediationId: created.mediationId, expectedVersion: created.version },
    { principal: administrator },
  );
  await mediation.call(
    'fail',
    mediationV1.FailRequest.fromPartial({
      mediationId: created.mediationId,
      expectedVersion: accepted.mediation!.version,
      reason: mediationV1.FailureReason.FAILURE_REASON_NO_CONSENSUS,
      remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
      referralRequest: {
        institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
        remedy: commonV1.Remedy.REMEDY_LITIGATION,
        ...referralRequest,
      },
    }),
    { principal: administrator },
  );
  return caseId;
}

/** The referral of the case at the court's desk, as its lawyer reads it. */
async function referralAtDesk(caseId: string): Promise<referralV1.Referral> {
  const referral = platform.client('referral');
  const summary = await eventually(
    async () =>
      (
        await referral.call(
          'listInbox',
          { deskCode: COURT.desk, filter: referralV1.InboxFilter.INBOX_FILTER_PENDING },
          { principal: lawyer },
        )
      ).referrals.find((r) => r.caseId === caseId),
    { timeoutMs: 30_000, what: `the referral of case ${caseId} in the desk's inbox` },
  );
  const { referral: found } = await referral.call(
    'getReferral',
    { referralId: summary.referralId },
    { principal: lawyer },
  );
  return found!;
}

it('the lawyer reads what the committee wrote, after what the events told', async () => {
  const caseId = await failedWithReferral({
    summary: '施工方拒绝赔偿，申请人拟起诉',
    whatWasTried: '两次组织双方协商',
  });
  const { handover } = await referralAtDesk(caseId);
  expect(handover!.summary).toMatch(
    /^案号.+调字第\d+号；调解不成：双方未能达成一致；施工方拒绝赔偿，申请人拟起诉$/,
  );
  expect(handover!.summaryEn).toMatch(
    /; mediation failed: the parties could not agree; 施工方拒绝赔偿，申请人拟起诉$/,
  );
  expect(handover!.whatWasTried).toBe(
    '已开展调解0次；联系当事人0次；已告知当事人其他途径：诉讼；两次组织双方协商',
  );
  // The committee's words stay with the mediation too (its record of the failure).
  const { mediation } = await platform
    .client('mediation')
    .call('getMediation', { caseId }, { principal: administrator });
  expect(mediation!.failure).toMatchObject({
    referralRequested: true,
    referralSummary: '施工方拒绝赔偿，申请人拟起诉',
    referralWhatWasTried: '两次组织双方协商',
  });
});

it('without words from the committee, the handover is what the events told', async () => {
  const caseId = await failedWithReferral({});
  const { handover } = await referralAtDesk(caseId);
  expect(handover!.summary).toMatch(/；调解不成：双方未能达成一致$/);
  expect(handover!.whatWasTried).toBe('已开展调解0次；联系当事人0次；已告知当事人其他途径：诉讼');
});
