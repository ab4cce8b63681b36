import { Client, credentials, status, type ServiceError } from '@grpc/grpc-js';
import {
  commonV1,
  fromTimestamp,
  GRPC_SERVICES,
  intakeV1,
  mediationV1,
  referralV1,
  statisticsV1,
  toTimestamp,
} from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { callMetadata } from '@mediation/service-kit';
import { eventually } from '@mediation/testing';
import { ACT_SPACING_MS, afterFailedMediationReferralId, cstYear } from '../src/loader';
import { planHistory, type CasePlan } from '../src/plan';
import { demoLine, loadHistory, type RunSummary } from '../src/run';
import type { Platform } from '@mediation/test-platform';
import { adminOf, loaderAddresses, startSeedPlatform } from './backfill-platform';

// Backfill (补录) end to end: a small generated history (30 cases over three years) goes through
// the real services with x-recorded-at; the cases, their timelines and their dates come back as
// planned, statistics count them in their own years, a backfilled step cannot precede the last
// one, and backfill is refused in the future, unparsable, without the role or with the flag off.

const M = mediationV1;
const dir = orgDirectory();
const NOW = new Date(Date.now() - 5 * 60_000);
const plans = planHistory(dir, { cases: 30, years: 3, seed: 7, now: NOW });
const admin = adminOf(dir);
const code = (call: Promise<unknown>) =>
  call.then(
    () => 'OK' as const,
    (e: ServiceError) => e.code,
  );
const details = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (e: ServiceError) => `${e.code} ${e.details}`,
  );

let services: Platform;
let summary: RunSummary;

beforeAll(async () => {
  services = await startSeedPlatform('seed');
}, 90_000);
afterAll(() => services?.stop(), 60_000);

const addresses = () => loaderAddresses(services);

const journey = <T>(run: () => Promise<T>): Promise<T> => services.journey(run);

const getMediation = (id: string) =>
  services
    .client('mediation')
    .call('getMediation', { mediationId: id }, { principal: admin })
    .then((r) => r.mediation!);

const lastStepOf = (plan: CasePlan) => plan.steps[plan.steps.length - 1];

it(
  'loads a generated history of 30 cases over three years through the services',
  () =>
    journey(async () => {
      summary = await loadHistory(plans, dir, addresses(), { concurrency: 4 });
      expect(summary.errors).toEqual([]);
      expect(summary).toMatchObject({ loaded: 30, failed: 0, replayed: 0 });
      expect(plans[0].openedAt.getTime()).toBeLessThan(NOW.getTime() - 2.5 * 365 * 86_400_000);
    }),
  600_000,
);

it(
  'gives every case and timeline its planned dates, in order',
  () =>
    journey(async () => {
      for (const plan of plans) {
        const caseId = summary.caseIds.get(plan.index)!;
        const { case: c } = await services
          .client('intake')
          .call('getCase', { caseId }, { principal: admin });
        expect(fromTimestamp(c!.registeredAt!)).toEqual(plan.openedAt);
        expect(c!.caseNumber).toContain(`（${cstYear(plan.openedAt)}）`);

        const last = lastStepOf(plan);
        // A court's outcome closes the mediation through the referral service's event.
        const m =
          last?.kind === 'referral-outcome' || last?.kind === 'withdraw'
            ? await eventually(
                async () =>
                  ((x) => (x.timeline.length > 0 && x.closedAt ? x : undefined))(
                    await getMediation(caseId),
                  ),
                { timeoutMs: 60_000, what: `case ${plan.index} closed by its event` },
              )
            : await getMediation(caseId);
        const times = m.timeline.map((t) => fromTimestamp(t.occurredAt!).getTime());
        expect(times[0]).toBe(plan.openedAt.getTime()); // MediationCreated, from CaseOpened
        expect([...times].sort((a, b) => a - b)).toEqual(times); // never backwards
        // A step acting once per party or obligation spaces its acts ACT_SPACING_MS apart.
        const acts =
          last?.kind === 'consent'
            ? m.parties.length
            : last?.kind === 'perform'
              ? (m.agreement?.terms?.obligations.length ?? 1)
              : 1;
        if (last)
          expect(times[times.length - 1]).toBe(last.at.getTime() + (acts - 1) * ACT_SPACING_MS);
        if (
          last?.kind === 'close' ||
          last?.kind === 'referral-outcome' ||
          last?.kind === 'withdraw'
        )
          expect(m.status).toBe(M.MediationStatus.MEDIATION_STATUS_CLOSED);
        if (last?.kind === 'withdraw')
          expect(m.closure?.outcome).toBe(M.ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN);
        if (last?.kind === 'referral-outcome') {
          expect(m.closure?.outcome).toBe(M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT);
          // The court's referral: opened from the backfilled MediationFailed at its time, then
          // claimed and decided by the stationed lawyer at theirs.
          const { referral } = await services
            .client('referral')
            .call(
              'getReferral',
              { referralId: afterFailedMediationReferralId(caseId, plan.court.deskCode) },
              { principal: admin },
            );
          const kinds = ['fail', 'referral-claim', 'referral-outcome'];
          const planned = plan.steps.filter((s) => kinds.includes(s.kind)).map((s) => s.at);
          expect(referral!.history.map((h) => fromTimestamp(h.occurredAt!))).toEqual(planned);
        }
        if (plan.entry === 'entrusted') {
          // The entrusting institution's referral is dated at the entrustment.
          const { referrals } = await services
            .client('referral')
            .call(
              'listInbox',
              { deskCode: plan.entrust!.deskCode, filter: 0 },
              { principal: admin },
            );
          const inbound = referrals.find((r) => r.caseId === caseId);
          expect(inbound && fromTimestamp(inbound.createdAt!)).toEqual(plan.openedAt);
        }
      }
    }),
  300_000,
);

it(
  'counts the history in the years it happened',
  () =>
    journey(async () => {
      const expected = new Map<string, number>();
      for (const p of plans)
        if (p.duplicateOf === undefined) {
          const year = String(cstYear(p.openedAt));
          expected.set(year, (expected.get(year) ?? 0) + 1);
        }
      for (const [year, opened] of expected) {
        const total = await eventually(
          async () => {
            const res = await services.client('statistics').call(
              'getSummary',
              {
                orgUnitCode: dir.city.code,
                period: {
                  granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_YEAR,
                  key: year,
                },
              },
              { principal: admin },
            );
            return res.total?.opened === opened ? res.total : undefined;
          },
          { timeoutMs: 120_000, intervalMs: 1_000, what: `${opened} cases opened in ${year}` },
        );
        expect(total.opened).toBe(opened);
      }
    }),
  300_000,
);

it("gives the demo users' committees art. 8-compliant rosters with the demo users on them", () =>
  journey(async () => {
    const line = demoLine(dir);
    const roster = async (committeeCode: string) =>
      (
        await services
          .client('mediation')
          .call('getCommitteeRoster', { committeeCode }, { principal: admin })
      ).roster!;
    const community = await roster(line.communityCommitteeCode);
    expect(community.members.map((m) => m.memberId)).toContain('demo-mediator');
    expect(community.compliance).toEqual([]);
    const street = await roster(line.streetCommitteeCode);
    expect(street.members.map((m) => m.memberId)).toContain('demo-committee-admin');
    expect(street.compliance).toEqual([]);
    expect((await roster(line.pointCode)).members.map((m) => m.memberId)).toContain(
      'demo-volunteer',
    );
  }));

it("gives the demo lawyer's desk its staff: the demo lawyer, a colleague and a supervisor", () =>
  journey(async () => {
    const { desk } = await services
      .client('referral')
      .call('listDeskStaff', { deskCode: demoLine(dir).courtDeskCode }, { principal: admin });
    const { DESK_STAFF_ROLE_LAWYER: LAWYER, DESK_STAFF_ROLE_SUPERVISOR: SUPERVISOR } =
      referralV1.DeskStaffRole;
    expect(desk!.staff.map((s) => [s.lawyerId, s.displayName, s.role, s.active])).toEqual([
      ['demo-lawyer', '陈律师', LAWYER, true],
      [expect.any(String), expect.any(String), LAWYER, true],
      [expect.any(String), expect.any(String), SUPERVISOR, true],
    ]);
  }));

it('does not load the history a second time', () =>
  journey(async () => {
    const again = await loadHistory(plans, dir, addresses(), { concurrency: 4 });
    expect(again).toMatchObject({ alreadyLoaded: true, loaded: 0, replayed: 1 });
  }));

it('refuses a backfilled step earlier than the last recorded one', () =>
  journey(async () => {
    const closed = plans.find(
      (p) => lastStepOf(p)?.kind === 'close' && p.steps.some((s) => s.kind === 'agree'),
    )!;
    const caseId = summary.caseIds.get(closed.index)!;
    const m = await getMediation(caseId);
    const applicant = m.parties.find((p) => p.role === commonV1.PartyRole.PARTY_ROLE_APPLICANT)!;
    const satisfaction = (at: Date) =>
      services
        .client('mediation')
        .call(
          'recordSatisfaction',
          { mediationId: caseId, expectedVersion: m.version, partyId: applicant.partyId, score: 4 },
          { principal: admin, recordedAt: at },
        );
    expect(await details(satisfaction(new Date(lastStepOf(closed).at.getTime() - 1000)))).toMatch(
      new RegExp(`^${status.FAILED_PRECONDITION} .*precedes the last recorded step`),
    );
    // At the last step's time or later it is recorded.
    expect(await code(satisfaction(lastStepOf(closed).at))).toBe('OK');

    // Intake: an amendment dated before the registration.
    const intake = services.client('intake');
    const { case: c } = await intake.call('getCase', { caseId }, { principal: admin });
    const amend = (at: Date) =>
      intake.call(
        'amendCase',
        {
          caseId,
          expectedVersion: c!.version,
          reason: '补录更正',
          changes: { peopleInvolved: 3 },
        },
        { principal: admin, recordedAt: at },
      );
    expect(await details(amend(new Date(closed.openedAt.getTime() - 60_000)))).toMatch(
      new RegExp(`^${status.FAILED_PRECONDITION} .*precedes the last recorded step`),
    );
  }));

it('refuses a backfill time in the future, an unparsable one, and one from a non-administrator', () =>
  journey(async () => {
    const intake = services.client('intake');
    const request = (key: string) =>
      intakeV1.OpenCaseRequest.fromPartial({
        ...openRequest(plans[1]),
        idempotencyKey: key,
      });
    expect(
      await code(
        intake.call('openCase', request('future'), {
          principal: admin,
          recordedAt: new Date(Date.now() + 3_600_000),
        }),
      ),
    ).toBe(status.INVALID_ARGUMENT);
    // A plain grpc-js call: the typed client only sends well-formed backfill times.
    const md = (value: string) => {
      const raw = new Client(services.addresses.intake, credentials.createInsecure());
      return new Promise<number | 'OK'>((resolve) => {
        const metadata = callMetadata({ principal: admin }, 'intake');
        metadata.set('x-recorded-at', value);
        raw.makeUnaryRequest(
          `/${GRPC_SERVICES.intake.fullName}/OpenCase`,
          (r: intakeV1.OpenCaseRequest) => Buffer.from(intakeV1.OpenCaseRequest.encode(r).finish()),
          (b: Buffer) => b,
          request('garbled'),
          metadata,
          (e: ServiceError | null) => resolve(e ? e.code : 'OK'),
        );
      }).finally(() => raw.close());
    };
    expect(await md('last tuesday')).toBe(status.INVALID_ARGUMENT);
    const mediator = commonV1.Principal.fromPartial({
      subject: 'test-mediator',
      roles: [commonV1.Role.ROLE_MEDIATOR],
      orgUnitCode: dir.city.code,
    });
    expect(
      await code(
        intake.call('openCase', request('mediator'), {
          principal: mediator,
          recordedAt: new Date('2025-01-01T00:00:00Z'),
        }),
      ),
    ).toBe(status.PERMISSION_DENIED);
    const m = await getMediation(summary.caseIds.get(plans[0].index)!);
    expect(
      await code(
        services
          .client('mediation')
          .call(
            'recordSatisfaction',
            { mediationId: m.mediationId, expectedVersion: m.version, partyId: 'x', score: 4 },
            { principal: mediator, recordedAt: new Date() },
          ),
      ),
    ).toBe(status.PERMISSION_DENIED);
  }));

describe('with backfill switched off (the default)', () => {
  let off: Platform;
  beforeAll(async () => {
    off = await startSeedPlatform('seed', false);
  }, 90_000);
  afterAll(() => off?.stop(), 60_000);

  it('refuses x-recorded-at even from an administrator, and works as before without it', async () => {
    const intake = off.client('intake');
    const at = new Date('2025-01-01T00:00:00Z');
    expect(
      await code(
        intake.call('openCase', openRequest(plans[2]), { principal: admin, recordedAt: at }),
      ),
    ).toBe(status.PERMISSION_DENIED);
    const before = Date.now();
    const res = await intake.call('openCase', openRequest(plans[2]), {
      principal: admin,
    });
    expect(fromTimestamp(res.case!.registeredAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

function openRequest(plan: CasePlan): intakeV1.OpenCaseRequest {
  return intakeV1.OpenCaseRequest.fromPartial({
    idempotencyKey: `test-${plan.index}`,
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_HOTLINE_12348,
    orgUnitCode: plans.find((p) => dir.level(p.orgUnitCode) === 'COMMUNITY')?.orgUnitCode,
    category: plan.category,
    parties: plan.parties.map((p, i) =>
      commonV1.Party.fromPartial({
        kind: commonV1.PartyKind.PARTY_KIND_PERSON,
        role:
          i === 0
            ? commonV1.PartyRole.PARTY_ROLE_APPLICANT
            : commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
        name: p.name,
        idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
        idNumber: p.idNumber,
        phone: p.phone,
      }),
    ),
    peopleInvolved: 2,
    description: plan.description,
    disputeStartedAt: toTimestamp(new Date('2024-01-01T00:00:00Z')),
  });
}
