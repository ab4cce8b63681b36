import { randomUUID } from 'node:crypto';
import { commonV1, mediationV1, referralV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import type { Platform } from '@mediation/test-platform';
import { eventually } from '@mediation/testing';
import { principals, reasoningPoint } from './actors';
import { CROSSING_MS, Mediations, twoParties } from './journey';

// Journey 3: court pre-filing entrustment (诉前委派调解). The court's desk entrusts a matter to
// the referral service, which opens the case in the real intake service (as a service principal)
// at the committee for the parties' place; the mediation service takes it from CaseOpened; the
// committee reaches an agreement; the referral service reports the result back to the court.
// It crosses every kind of wiring: gRPC between services, and Kafka from each service to another.
const M = mediationV1;
const { CaseSource, Channel, InstitutionType } = commonV1;

const place = reasoningPoint(2);
const partiesPlace = place.community.code;
const committee = orgDirectory().committeeFor(partiesPlace);
const courtDesk = principals.lawyer(place.court.desk);
const mediator = principals.mediator(committee);
const COURT_FILE = '（2026）辽诉前调00088号';

/** Walks journey 3 on `platform`; the case's id when the court has the result. */
export async function courtEntrustmentJourney(platform: Platform): Promise<string> {
  const mediations = new Mediations(platform);
  const referrals = platform.client('referral');
  const entrusted = await referrals.call(
    'entrustCase',
    {
      idempotencyKey: `e2e-${randomUUID()}`,
      kind: referralV1.ReferralKind.REFERRAL_KIND_COURT_PRE_FILING,
      institutionCode: place.court.id,
      deskCode: place.court.desk.id,
      externalReference: COURT_FILE,
      orgUnitCode: partiesPlace,
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_CONTRACT,
      parties: twoParties(partiesPlace),
      peopleInvolved: 2,
      amountInvolved: { currencyCode: 'CNY', amountFen: '800000' },
      description: '货款纠纷，法院立案前委派调解',
      risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
    },
    { principal: courtDesk },
  );
  const { caseId } = entrusted;
  const referralId = entrusted.referral!.referralId;
  expect(entrusted.referral).toMatchObject({
    direction: referralV1.ReferralDirection.REFERRAL_DIRECTION_INBOUND,
    status: referralV1.ReferralStatus.REFERRAL_STATUS_IN_MEDIATION,
    caseId,
  });

  // Intake holds the case: entrusted by the court, through referral, at the parties' committee.
  const admin = principals.administrator();
  const { case: registered } = await platform
    .client('intake')
    .call('getCase', { caseId }, { principal: admin });
  expect(registered).toMatchObject({
    caseNumber: entrusted.caseNumber,
    source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT,
    channel: Channel.CHANNEL_REFERRAL,
    referralId,
    externalReference: COURT_FILE,
    referringInstitution: {
      code: place.court.id,
      type: InstitutionType.INSTITUTION_TYPE_COURT,
    },
    orgUnit: { code: partiesPlace },
    committee: { code: committee.id },
  });
  const listed = await platform.client('intake').call(
    'listCases',
    {
      orgUnitCode: partiesPlace,
      sources: [CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT],
      channels: [Channel.CHANNEL_REFERRAL],
    },
    { principal: admin },
  );
  expect(listed.cases.map((c) => c.caseId)).toEqual([caseId]);

  // The mediation service created the mediation at that committee, knowing the court.
  const created = await mediations.created(caseId);
  expect(created).toMatchObject({
    status: M.MediationStatus.MEDIATION_STATUS_PENDING_ACCEPTANCE,
    committee: { code: committee.id },
    source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT,
    channel: Channel.CHANNEL_REFERRAL,
    referralId,
    entrustedBy: { code: place.court.id },
  });

  // The committee accepts and reaches an agreement.
  await mediations.act('accept', mediator, caseId);
  const agreed = await mediations.agree(caseId, mediator);
  expect(agreed.status).toBe(M.MediationStatus.MEDIATION_STATUS_AGREED);

  // The court's referral carries the result.
  const reported = await eventually(
    async () => {
      const { referral } = await referrals.call(
        'getReferral',
        { referralId },
        { principal: courtDesk },
      );
      return referral!.status === referralV1.ReferralStatus.REFERRAL_STATUS_RESULT_REPORTED
        ? referral!
        : undefined;
    },
    {
      timeoutMs: CROSSING_MS,
      what: `the result of referral ${referralId} reported to the court`,
    },
  );
  expect(reported).toMatchObject({
    caseId,
    entrustmentResult: referralV1.EntrustmentResult.ENTRUSTMENT_RESULT_AGREEMENT_REACHED,
    desk: { code: place.court.desk.id },
  });
  return caseId;
}
