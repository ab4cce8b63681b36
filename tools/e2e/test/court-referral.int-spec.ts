import { isDeepStrictEqual } from 'node:util';
import { status } from '@grpc/grpc-js';
import { commonV1, intakeV1, mediationV1, referralV1, statisticsV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { eventually } from '@mediation/testing';
import { Platform } from '@mediation/test-platform';
import { principals, reasoningPoint } from '../src/actors';
import {
  CROSSING_MS,
  grpcCode,
  listedWhen,
  Mediations,
  shortType,
  walkInAtPoint,
  type Mediation,
} from '../src/journey';

// Journey 1: a dispute from a reasoning point to a court and back, across the four real
// services (child processes from their build output, real Kafka and FerretDB), driven by gRPC
// only. Journey 4: the statistics service counts that case at the city and at the point.
const M = mediationV1;
const { HandlingLevel, InstitutionType, ReferralOutcome, Remedy } = commonV1;

const place = reasoningPoint(0);
const volunteer = principals.volunteer(place.point.code);
const communityMediator = principals.mediator(place.committees.community);
const lawyer = principals.lawyer(place.court.desk);
const otherDesk = orgDirectory()
  .institutions()
  .flatMap((i) => i.desks)
  .find((d) => d.id !== place.court.desk.id)!;
const otherDeskLawyer = principals.lawyer(otherDesk);
const admin = principals.administrator();
const LAWSUIT = '（2026）辽民初00123号';

let platform: Platform;
let mediations: Mediations;

/** Polls intake's ListCases (the point's cases) until the case's summary satisfies `holds`. */
const listed = (caseId: string, what: string, holds: (c: intakeV1.CaseSummary) => boolean) =>
  listedWhen(
    platform,
    { orgUnitCode: place.point.code, principal: volunteer },
    caseId,
    what,
    holds,
  );
const { ReferralStage } = intakeV1;
/** What journey 1 left behind, for journey 4. */
let journey1: { caseId: string; closed: Mediation } | undefined;

beforeAll(async () => {
  platform = await Platform.start({ name: 'e2e' });
  mediations = new Mediations(platform);
}, 90_000);
afterAll(() => platform?.stop(), 30_000);

it('takes a dispute from a reasoning point to the district court and back', () =>
  platform.journey(async () => {
    // 1. The volunteer registers the dispute at the reasoning point (intake).
    const opened = await platform
      .client('intake')
      .call('openCase', walkInAtPoint(place.point.code), {
        principal: volunteer,
      });
    const caseId = opened.case!.caseId;
    expect(opened.case).toMatchObject({
      orgUnit: { code: place.point.code },
      committee: { code: place.committees.community.id },
    });

    // 2. The mediation service creates the mediation from CaseOpened, held by the point.
    const created = await mediations.created(caseId);
    expect(created).toMatchObject({
      caseNumber: opened.case!.caseNumber,
      status: M.MediationStatus.MEDIATION_STATUS_PENDING_ACCEPTANCE,
      committee: {
        code: place.point.code,
        level: HandlingLevel.HANDLING_LEVEL_REASONING_POINT,
      },
    });

    // 3. The volunteers pass it to their community committee, which accepts it.
    await mediations.act('escalate', volunteer, caseId, {
      reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
    });
    // The point no longer holds the case.
    expect(await grpcCode(mediations.act('accept', volunteer, caseId))).toBe(
      status.PERMISSION_DENIED,
    );
    await mediations.act('accept', communityMediator, caseId);

    // 4. Mediation fails; the parties choose litigation: a referral to the district's basic court.
    const failed = await mediations.act('fail', communityMediator, caseId, {
      reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
      note: '双方分歧较大',
      remediesTold: [Remedy.REMEDY_LITIGATION],
      referralRequest: {
        institutionType: InstitutionType.INSTITUTION_TYPE_COURT,
        deskCode: place.court.desk.id,
        remedy: Remedy.REMEDY_LITIGATION,
        summary: '调解不成，当事人选择诉讼',
      },
    });
    expect(failed.status).toBe(M.MediationStatus.MEDIATION_STATUS_FAILED);

    // 5. The referral service puts it in the court desk's inbox (from MediationFailed).
    const referrals = platform.client('referral');
    const inbox = (filter: referralV1.InboxFilter) =>
      referrals
        .call('listInbox', { deskCode: place.court.desk.id, filter }, { principal: lawyer })
        .then((r) => r.referrals);
    const pending = await eventually(
      async () =>
        (await inbox(referralV1.InboxFilter.INBOX_FILTER_PENDING)).find((r) => r.caseId === caseId),
      { timeoutMs: CROSSING_MS, what: `case ${caseId} in ${place.court.desk.id}'s inbox` },
    );
    expect(pending).toMatchObject({
      direction: referralV1.ReferralDirection.REFERRAL_DIRECTION_OUTBOUND,
      kind: referralV1.ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
      desk: { code: place.court.desk.id, institutionCode: place.court.id },
    });

    // Intake's case list shows the case referred out, waiting in the court desk's inbox.
    const referredOut = await listed(caseId, 'referred out, pending', (c) =>
      Boolean(c.progress?.referral),
    );
    expect(referredOut).toMatchObject({
      status: intakeV1.CaseStatus.CASE_STATUS_REFERRED_OUT,
      progress: {
        referral: {
          referralId: pending.referralId,
          inbound: false,
          stage: ReferralStage.REFERRAL_STAGE_PENDING,
          desk: { code: place.court.desk.id, institutionCode: place.court.id },
        },
      },
    });

    // 5a. The lawyer of that desk reads the case behind the referral (the case view carries it):
    // number, category, description, documents, but no parties before claiming; a lawyer of
    // another desk gets nothing.
    const intake = platform.client('intake');
    const { document } = await intake.call(
      'attachDocument',
      {
        caseId,
        kind: intakeV1.DocumentKind.DOCUMENT_KIND_APPLICATION_FORM,
        fileName: '调解申请书.pdf',
        contentType: 'application/pdf',
        content: Buffer.from('%PDF-1.4\n%%EOF\n'),
        description: '',
        idempotencyKey: '',
      },
      { principal: volunteer },
    );
    const asLawyer = await eventually(
      async () => (await intake.call('getCase', { caseId }, { principal: lawyer })).case,
      {
        timeoutMs: CROSSING_MS,
        what: `the lawyer of ${place.court.desk.id} to read case ${caseId}`,
      },
    );
    expect(asLawyer).toMatchObject({
      caseNumber: opened.case!.caseNumber,
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      description: '楼上漏水，协商未果',
    });
    expect(asLawyer!.parties.map((p) => [p.name, p.phoneMasked, p.phone])).toEqual([
      ['', '', undefined],
      ['', '', undefined],
    ]);
    // The mediation's path and where it stands, and the whole timeline, are the lawyer's too.
    expect(asLawyer!.progress?.path.map((p) => p.code)).toEqual([
      place.point.code,
      place.committees.community.id,
    ]);
    expect(asLawyer!.progress?.referral).toMatchObject({ desk: { code: place.court.desk.id } });
    const timeline = await intake.call('getCaseTimeline', { caseId }, { principal: lawyer });
    expect(timeline.entries.map((e) => e.source)).toEqual(
      expect.arrayContaining(['intake', 'mediation', 'referral']),
    );
    const docs = await intake.call('listDocuments', { caseId }, { principal: lawyer });
    expect(docs.documents.map((d) => d.documentId)).toEqual([document!.documentId]);
    const content = await intake.call(
      'getDocument',
      { caseId, documentId: document!.documentId },
      { principal: lawyer },
    );
    expect(content.content.toString()).toContain('%PDF');
    for (const denied of [
      intake.call('getCase', { caseId }, { principal: otherDeskLawyer }),
      intake.call('listDocuments', { caseId }, { principal: otherDeskLawyer }),
      intake.call('getCaseTimeline', { caseId }, { principal: otherDeskLawyer }),
    ])
      expect(await grpcCode(denied)).toBe(status.PERMISSION_DENIED);

    // 6. The stationed lawyer claims it and records the outcome: a lawsuit was filed.
    const claimed = await referrals.call(
      'claim',
      { referralId: pending.referralId, expectedVersion: pending.version },
      { principal: lawyer },
    );
    expect(claimed.referral!.status).toBe(referralV1.ReferralStatus.REFERRAL_STATUS_CLAIMED);
    const claimedListed = await listed(
      caseId,
      'with its referral claimed',
      (c) => c.progress?.referral?.stage === ReferralStage.REFERRAL_STAGE_CLAIMED,
    );
    expect(claimedListed.status).toBe(intakeV1.CaseStatus.CASE_STATUS_REFERRED_OUT);
    expect(claimedListed.progress?.referral?.lawyerId).toBe(lawyer.subject);
    await referrals.call(
      'recordOutcome',
      {
        referralId: pending.referralId,
        expectedVersion: claimed.referral!.version,
        outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
        note: '已引导起诉并立案',
        externalReference: LAWSUIT,
      },
      { principal: lawyer },
    );

    // 6a. Having claimed it, the lawyer sees the parties' names and contacts (ID numbers stay
    // masked); the reads of clear data and of the document are in the read audit.
    const parties = await eventually(
      async () => {
        const seen = (await intake.call('getCase', { caseId }, { principal: lawyer })).case!;
        return seen.parties[0].name ? seen.parties : undefined;
      },
      { timeoutMs: CROSSING_MS, what: `the claiming lawyer to see the parties of ${caseId}` },
    );
    expect(parties.map((p) => [p.name, p.phone, p.address])).toEqual([
      ['王秀英', '13812345678', '大连市某社区12号楼3单元'],
      ['李建国', '0411-82345678', '大连市某社区12号楼3单元'],
    ]);
    expect(parties[0].idNumber).toBeUndefined();
    const why = `referral:${pending.referralId}`;
    const lawyerReads = [
      ['GetCase', lawyer.subject, why, ''],
      ['GetDocument', lawyer.subject, why, document!.documentId],
    ];
    const audited = async (r: Partial<intakeV1.ListReadAuditRequest>) =>
      (await intake.call('listReadAudit', r, { principal: admin })).entries
        .filter((e) => e.reader?.subject === lawyer.subject)
        .map((e) => [e.what, e.reader?.subject, e.why, e.documentId]);
    expect(await audited({ caseId })).toEqual(lawyerReads);
    expect(await audited({ readerSubject: lawyer.subject })).toEqual(lawyerReads);
    expect(await grpcCode(intake.call('listReadAudit', { caseId }, { principal: lawyer }))).toBe(
      status.PERMISSION_DENIED,
    );

    // 7. The mediation service closes the case with the court's outcome (ReferralOutcomeRecorded).
    const closed = await mediations.until(
      caseId,
      'the mediation closed with the court outcome',
      (m) => m.status === M.MediationStatus.MEDIATION_STATUS_CLOSED,
    );
    expect(closed.closure).toMatchObject({
      outcome: M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
      referralId: pending.referralId,
      referralOutcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
      referralDeskCode: place.court.desk.id,
      referralExternalReference: LAWSUIT,
      referralInstitution: { code: place.court.id },
    });
    expect(closed.failure).toMatchObject({
      referralRequested: true,
      referralId: pending.referralId,
    });

    // The path and the timeline: every step, who took it, at which level.
    expect(closed.path.map((p) => p.committee?.code)).toEqual([
      place.point.code,
      place.committees.community.id,
    ]);
    expect(
      closed.timeline.map((t) => [shortType(t.eventType), t.committee?.code, t.actor?.subject]),
    ).toEqual([
      ['MediationCreated', place.point.code, ''],
      ['MediationEscalated', place.point.code, volunteer.subject],
      ['MediationAccepted', place.committees.community.id, communityMediator.subject],
      ['MediationFailed', place.committees.community.id, communityMediator.subject],
      ['MediationClosed', place.court.desk.id, lawyer.subject],
    ]);
    expect(closed.timeline.map((t) => t.committee?.level)).toEqual([
      HandlingLevel.HANDLING_LEVEL_REASONING_POINT,
      HandlingLevel.HANDLING_LEVEL_REASONING_POINT,
      HandlingLevel.HANDLING_LEVEL_COMMUNITY,
      HandlingLevel.HANDLING_LEVEL_COMMUNITY,
      HandlingLevel.HANDLING_LEVEL_DISTRICT,
    ]);

    // The court's referral is finished too.
    const { referral } = await referrals.call(
      'getReferral',
      { referralId: pending.referralId },
      { principal: lawyer },
    );
    expect(referral).toMatchObject({
      status: referralV1.ReferralStatus.REFERRAL_STATUS_OUTCOME_RECORDED,
      outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    });
    // Intake's list: closed, with the referral's outcome recorded.
    await listed(
      caseId,
      'closed with the referral outcome',
      (c) =>
        c.status === intakeV1.CaseStatus.CASE_STATUS_CLOSED &&
        c.progress?.referral?.stage === ReferralStage.REFERRAL_STAGE_OUTCOME_RECORDED,
    );
    // One timeline of the whole case: intake's, the mediation's and the referral's steps, by name.
    const { entries } = await platform
      .client('intake')
      .call('getCaseTimeline', { caseId }, { principal: volunteer });
    expect(new Set(entries.map((e) => e.source))).toEqual(
      new Set(['intake', 'mediation', 'referral']),
    );
    expect(entries.find((e) => e.eventType.endsWith('ReferralClaimed'))).toMatchObject({
      source: 'referral',
      referralId: pending.referralId,
      actor: { subject: lawyer.subject, displayName: lawyer.displayName },
      handler: { code: place.court.desk.id },
    });
    expect(entries.find((e) => e.eventType.endsWith('MediationFailed'))).toMatchObject({
      actor: { subject: communityMediator.subject, displayName: communityMediator.displayName },
    });
    journey1 = { caseId, closed };
  }));

/** The current year as the statistics service keys periods (China Standard Time). */
const yearKey = () => String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());

it('counts that case in the statistics of the city and of the reasoning point', () =>
  platform.journey(async () => {
    expect(journey1).toBeDefined(); // needs the first journey
    const analyst = principals.analyst();
    const period = {
      granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_YEAR,
      key: yearKey(),
    };
    const statistics = platform.client('statistics');
    const figures = (orgUnitCode: string) =>
      statistics
        .call('getSummary', { orgUnitCode, period }, { principal: analyst })
        .then((r) => r.total!);
    // One case, opened, accepted, failed, referred out to the court and closed by its outcome.
    const expected = {
      opened: 1,
      accepted: 1,
      failed: 1,
      referredOut: 1,
      closed: 1,
      openBacklog: 0,
      agreementsWritten: 0,
      withdrawn: 0,
      peopleInvolved: 2,
    };
    const city = orgDirectory().city.code;
    for (const unit of [place.point.code, city]) {
      // The read model is eventually consistent across its documents (a period's counters and the
      // open-backlog nets are separate writes): wait for the whole expectation, then show the
      // last figures read if it never comes.
      let seen: Record<string, unknown> = {};
      const total = await eventually(
        async () => {
          const f = await figures(unit);
          seen = { unit, ...pick(f, Object.keys(expected)) };
          return isDeepStrictEqual(seen, { unit, ...expected }) ? f : undefined;
        },
        { timeoutMs: CROSSING_MS, what: `statistics of ${unit} to count the closed case` },
      ).catch(() => undefined);
      expect(seen).toEqual({ unit, ...expected });
      expect(total?.amountInvolved?.amountFen).toBe('150000');
    }
    // The point passed the case up to its community committee.
    expect((await figures(place.point.code)).escalatedOut).toBe(1);

    // Drilling down from the community: the case sits under the reasoning point.
    const drill = await statistics.call(
      'drilldown',
      { orgUnitCode: place.community.code, period },
      { principal: analyst },
    );
    expect(drill.total?.opened).toBe(1);
    const child = drill.children.find((c) => c.orgUnit?.code === place.point.code);
    expect(child?.figures).toMatchObject({ opened: 1, referredOut: 1 });
  }));

function pick(figures: statisticsV1.Figures, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, figures[k as keyof statisticsV1.Figures]]));
}
