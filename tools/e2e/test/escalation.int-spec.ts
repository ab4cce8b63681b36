import { status } from '@grpc/grpc-js';
import { commonV1, mediationV1 } from '@mediation/contracts';
import { Platform } from '@mediation/test-platform';
import { principals, reasoningPoint } from '../src/actors';
import { grpcCode, Mediations, shortType, walkInAtPoint } from '../src/journey';

// Journey 2: escalation with the history intact. A case opened at a reasoning point (intake)
// climbs point -> community -> street -> district through the real mediation service; each level
// acts only while the case is theirs, the district committee reaches an agreement, and
// GetMediation still shows the whole path and every step with who took it at which level.
const M = mediationV1;
const { HandlingLevel } = commonV1;

const place = reasoningPoint(1);
const { community, street, district } = place.committees;
const as = {
  point: principals.volunteer(place.point.code),
  community: principals.mediator(community),
  street: principals.mediator(street),
  district: principals.mediator(district),
};
const escalation = { reason: M.EscalationReason.ESCALATION_REASON_BEYOND_AUTHORITY };

let platform: Platform;
let mediations: Mediations;

beforeAll(async () => {
  platform = await Platform.start({ name: 'e2e' });
  mediations = new Mediations(platform);
}, 90_000);
afterAll(() => platform?.stop(), 30_000);

it('escalates point -> community -> street -> district and ends with an agreement, history intact', () =>
  platform.journey(async () => {
    const opened = await platform
      .client('intake')
      .call('openCase', walkInAtPoint(place.point.code), {
        principal: as.point,
      });
    const caseId = opened.case!.caseId;
    await mediations.created(caseId);
    const code = (p: Promise<unknown>) => grpcCode(p);

    // The point holds the case: nobody above may act yet.
    expect(await code(mediations.act('accept', as.community, caseId))).toBe(
      status.PERMISSION_DENIED,
    );
    await mediations.act('escalate', as.point, caseId, escalation);

    // The community committee holds it now; the point and the street may not act.
    expect(await code(mediations.act('escalate', as.point, caseId, escalation))).toBe(
      status.PERMISSION_DENIED,
    );
    expect(await code(mediations.act('accept', as.street, caseId))).toBe(status.PERMISSION_DENIED);
    await mediations.act('accept', as.community, caseId);
    await mediations.act('escalate', as.community, caseId, escalation);

    // The street committee.
    expect(await code(mediations.act('escalate', as.community, caseId, escalation))).toBe(
      status.PERMISSION_DENIED,
    );
    expect(await code(mediations.act('accept', as.district, caseId))).toBe(
      status.PERMISSION_DENIED,
    );
    await mediations.act('accept', as.street, caseId);
    await mediations.act('escalate', as.street, caseId, escalation);

    // The district committee: the street is out; the district must accept before it mediates.
    expect(await code(mediations.act('accept', as.street, caseId))).toBe(status.PERMISSION_DENIED);
    expect(
      await code(
        mediations.act('fail', as.district, caseId, {
          reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
          remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
        }),
      ),
    ).toBe(status.FAILED_PRECONDITION);
    await mediations.act('accept', as.district, caseId);
    const agreed = await mediations.agree(caseId, as.district);
    expect(agreed.status).toBe(M.MediationStatus.MEDIATION_STATUS_AGREED);

    // Read back: the path and every step with who and at which level.
    const m = await mediations.get(caseId);
    expect(m.committee).toMatchObject({
      code: district.id,
      level: HandlingLevel.HANDLING_LEVEL_DISTRICT,
    });
    expect(m.path.map((p) => [p.committee?.code, p.committee?.level])).toEqual([
      [place.point.code, HandlingLevel.HANDLING_LEVEL_REASONING_POINT],
      [community.id, HandlingLevel.HANDLING_LEVEL_COMMUNITY],
      [street.id, HandlingLevel.HANDLING_LEVEL_STREET],
      [district.id, HandlingLevel.HANDLING_LEVEL_DISTRICT],
    ]);
    expect(m.path.slice(0, 3).every((p) => !!p.leftAt)).toBe(true);
    expect(m.path[3].leftAt).toBeFalsy();
    const consents = m.parties.map(() => ['ConsentRecorded', district.id, as.district.subject]);
    expect(
      m.timeline.map((t) => [shortType(t.eventType), t.committee?.code, t.actor?.subject]),
    ).toEqual([
      ['MediationCreated', place.point.code, ''],
      ['MediationEscalated', place.point.code, as.point.subject],
      ['MediationAccepted', community.id, as.community.subject],
      ['MediationEscalated', community.id, as.community.subject],
      ['MediationAccepted', street.id, as.street.subject],
      ['MediationEscalated', street.id, as.street.subject],
      ['MediationAccepted', district.id, as.district.subject],
      ...consents,
      ['MediatorsAssigned', district.id, as.district.subject],
      ['AgreementReached', district.id, as.district.subject],
    ]);
    expect(m.agreement).toBeTruthy();

    // Every level that held the case can still read it (read-only).
    for (const who of Object.values(as))
      expect((await mediations.get(caseId, who)).version).toBe(m.version);
  }));
