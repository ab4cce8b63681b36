import { commonV1, intakeV1, mediationV1 } from '@mediation/contracts';
import { Platform } from '@mediation/test-platform';
import { principals, reasoningPoint } from '../src/actors';
import { listedWhen, Mediations, walkInAtPoint } from '../src/journey';

// Journey 5: one true picture of a case. Intake's case list follows a case through its whole life
// as the mediation service moves it (acceptance, escalation, agreement, judicial confirmation,
// performance, closure), from the events alone: ListCases shows the right status and the
// committee holding the case at each step, and GetCaseTimeline tells the whole story with names.
const M = mediationV1;
const S = intakeV1.CaseStatus;

const place = reasoningPoint(2);
const volunteer = principals.volunteer(place.point.code);
const communityMediator = principals.mediator(place.committees.community);
const admin = principals.administrator();

let platform: Platform;
let mediations: Mediations;

beforeAll(async () => {
  platform = await Platform.start({ name: 'e2e' });
  mediations = new Mediations(platform);
}, 90_000);
afterAll(() => platform?.stop(), 30_000);

/** Polls ListCases (the point's cases) until the case shows `status` held by `holder`. */
const listedAs = (caseId: string, status: intakeV1.CaseStatus, holder: string) =>
  listedWhen(
    platform,
    { orgUnitCode: place.point.code, principal: admin },
    caseId,
    `as ${S[status]} at ${holder}`,
    (c) => c.status === status && c.progress?.holder?.code === holder,
  );

it('shows the case’s status and holder in ListCases at every step, and one timeline', () =>
  platform.journey(async () => {
    const intake = platform.client('intake');
    const opened = await intake.call('openCase', walkInAtPoint(place.point.code), {
      principal: volunteer,
    });
    const caseId = opened.case!.caseId;
    const point = place.point.code;
    const community = place.committees.community.id;

    await mediations.created(caseId);
    await listedAs(caseId, S.CASE_STATUS_REGISTERED, point);

    await mediations.act('escalate', volunteer, caseId, {
      reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
    });
    await listedAs(caseId, S.CASE_STATUS_ESCALATED, community);

    await mediations.act('accept', communityMediator, caseId);
    const accepted = await listedAs(caseId, S.CASE_STATUS_ACCEPTED, community);
    expect(accepted.intakeStatus).toBe(S.CASE_STATUS_REGISTERED);
    expect(accepted.progress?.path.map((p) => p.code)).toEqual([point, community]);

    const agreed = await mediations.agree(caseId, communityMediator);
    const withMediator = await listedAs(caseId, S.CASE_STATUS_AGREEMENT_WRITTEN, community);
    expect(withMediator.progress?.leadMediator).toEqual({
      mediatorId: communityMediator.subject,
      displayName: communityMediator.displayName,
    });

    await mediations.act('requestJudicialConfirmation', communityMediator, caseId, {
      applicantPartyIds: agreed.parties.map((p) => p.partyId),
    });
    await listedAs(caseId, S.CASE_STATUS_CONFIRMATION_REQUESTED, community);
    await mediations.act('recordConfirmation', communityMediator, caseId, {
      result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_ACCEPTED,
      confirmationNumber: '（2026）辽0202民特123号',
    });
    await mediations.act('recordConfirmation', communityMediator, caseId, {
      result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED,
    });
    await listedAs(caseId, S.CASE_STATUS_CONFIRMED, community);

    const obligationId = agreed.agreement!.terms!.obligations[0]!.obligationId;
    await mediations.act('recordPerformance', communityMediator, caseId, {
      obligationId,
      status: M.PerformanceStatus.PERFORMANCE_STATUS_PARTIALLY_PERFORMED,
    });
    await listedAs(caseId, S.CASE_STATUS_PERFORMING, community);
    await mediations.act('recordPerformance', communityMediator, caseId, {
      obligationId,
      status: M.PerformanceStatus.PERFORMANCE_STATUS_PERFORMED,
    });
    await listedAs(caseId, S.CASE_STATUS_PERFORMED, community);

    await mediations.act('closeMediation', communityMediator, caseId, {
      outcome: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
    });
    await listedAs(caseId, S.CASE_STATUS_CLOSED, community);

    // One timeline: intake's registration, then every mediation step, who took it and where.
    const { entries } = await intake.call('getCaseTimeline', { caseId }, { principal: admin });
    expect(entries[0]).toMatchObject({
      source: 'intake',
      actor: { subject: volunteer.subject, displayName: volunteer.displayName },
    });
    const escalated = entries.find((e) => e.eventType.endsWith('MediationEscalated'));
    expect(escalated).toMatchObject({
      source: 'mediation',
      actor: { subject: volunteer.subject, displayName: volunteer.displayName },
    });
    const acceptedStep = entries.find((e) => e.eventType.endsWith('MediationAccepted'));
    expect(acceptedStep).toMatchObject({
      actor: { displayName: communityMediator.displayName },
      handler: {
        code: community,
        level: commonV1.HandlingLevel.HANDLING_LEVEL_COMMUNITY,
      },
    });
    expect(entries.at(-1)!.eventType).toMatch(/MediationClosed$/);
    expect(entries.every((e) => e.summary.length > 0 && !e.backfilled)).toBe(true);
  }));
