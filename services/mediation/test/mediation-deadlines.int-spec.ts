import { eventually } from '@mediation/testing';
import { startMediation } from '../src/app';
import { MediationHarness, mediationV1 } from './support/mediation-harness';

const DAY = 24 * 3600 * 1000;
const COMMUNITY = '210202002001';

const h = new MediationHarness();
let offset = 0;
h.clock = () => new Date(Date.now() + offset);
beforeAll(() => h.start());
afterAll(() => h.stop());

/**
 * The deadline events recorded for the case, each once. The topic may carry an event twice (two
 * relays may publish the same outbox entry at once; consumers drop the copy by sequence), so a
 * deadline that fired twice shows as two events with their own ids and sequences, not as a copy.
 */
const deadlineEvents = (caseId: string) => {
  const byId = new Map<string, ReturnType<typeof h.eventsFor>[number]>();
  for (const e of h.eventsFor(caseId)) {
    if (e.type !== 'DeadlineApproaching' && e.type !== 'DeadlineBreached') continue;
    const seen = byId.get(e.eventId);
    if (seen && seen.sequence !== e.sequence) throw new Error(`event ${e.eventId} changed`);
    byId.set(e.eventId, e);
  }
  return [...byId.values()];
};

it('(6) a deadline due while the service is stopped fires exactly once after the restart', async () => {
  const caseId = await h.openCase(COMMUNITY);
  const created = await h.waitForMediation(caseId);
  const acceptance = created.deadlines.find(
    (d) => d.kind === mediationV1.DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION,
  )!;
  expect(acceptance.status).toBe(mediationV1.DeadlineStatus.DEADLINE_STATUS_PENDING);
  await new Promise((r) => setTimeout(r, 600)); // a few polls: nothing is due yet
  expect(deadlineEvents(caseId)).toHaveLength(0);

  await h.stopService();
  offset = 4 * DAY; // the acceptance decision (3 days) fell due while the service was down
  await h.boot();
  // A second instance polls the same database at the same time.
  const second = await startMediation(
    {
      ...h.config,
      GRPC_PORT: 0 as never,
      MEDIATION_CONSUMER_GROUP: h.config.MEDIATION_CONSUMER_GROUP,
    },
    { clock: h.clock },
  );

  // Stopped whatever happens: a running instance left behind would keep jest from exiting.
  try {
    const fired = await eventually(
      async () => {
        const e = deadlineEvents(caseId);
        return e.length >= 2 ? e : undefined;
      },
      { what: 'deadline events' },
    );
    expect(fired.map((e) => e.type)).toEqual(['DeadlineApproaching', 'DeadlineBreached']);
    expect(fired[1].payload).toMatchObject({
      deadlineId: acceptance.deadlineId,
      kind: mediationV1.DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION,
    });

    // More polls, another restart: still exactly once. Sleeps, as they prove that no deadline
    // event fires again.
    await new Promise((r) => setTimeout(r, 1_000));
    await h.stopService();
    await h.boot();
    await new Promise((r) => setTimeout(r, 1_000));
  } finally {
    await second.stop();
  }
  expect(deadlineEvents(caseId)).toHaveLength(2);
  const m = await h.get(caseId);
  expect(m.deadlines.find((d) => d.deadlineId === acceptance.deadlineId)?.status).toBe(
    mediationV1.DeadlineStatus.DEADLINE_STATUS_BREACHED,
  );
  const listed = await h.call(
    'listDeadlines',
    { orgUnitCode: COMMUNITY, statuses: [mediationV1.DeadlineStatus.DEADLINE_STATUS_BREACHED] },
    {
      subject: 'admin',
      roles: [6],
      orgUnitCode: '210200',
      committeeCode: '',
      deskCode: '',
      institutionCode: '',
      displayName: '',
      partyPhone: '',
    },
  );
  expect(listed.deadlines.map((d) => d.deadlineId)).toContain(acceptance.deadlineId);
});
