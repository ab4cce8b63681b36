import { statisticsV1, toTimestamp } from '@mediation/contracts';
import type { OutgoingEvent } from '@mediation/event-bus';
import { scenarioUnits } from './support/scenario';
import { EventFactory } from './support/scenario-events';
import { ADMIN, ANALYST, startHarness, type Harness } from './support/statistics-harness';

// One dispute with online acts and two sessions, the reminders of the notification service
// published before and after the sessions' records: the summary must show the online acts, the
// reminders, and the no-show rate of reminded and not reminded parties; a duplicate, a replay and
// a rebuild change nothing.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 9, 1); // 2026-03-09 09:00 CST
const YEAR = { granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_YEAR, key: '2026' };
const ONLINE = 4;
const WRITTEN = 2;

const units = scenarioUnits(1)[0];
const point = units.REASONING_POINT;
const community = units.COMMUNITY;
const atPoint = { code: `committee-${point}`, orgUnitCode: point, level: 5 };
const atCommunity = { code: `committee-${community}`, orgUnitCode: community, level: 4 };

let h: Harness;
let f: EventFactory;

beforeAll(async () => {
  h = await startHarness();
  f = new EventFactory(h.topics);
});
afterAll(() => h?.stop());

const MEDIATION = 'med-online-1';
const CASE = 'case-online-1';
const med = <T extends Parameters<EventFactory['event']>[0]>(
  type: T,
  at: number,
  payload: Parameters<EventFactory['event']>[3],
) =>
  f.event(
    type,
    MEDIATION,
    at,
    { context: { mediationId: MEDIATION, caseId: CASE, committee: atPoint }, ...payload } as never,
    point,
    CASE,
  );

function notice(
  delivery: string,
  party: string,
  at: number,
  extra: { sessionId?: string; reminder?: boolean; notice?: string } = {},
): OutgoingEvent {
  return f.event(
    'mediation.notification.v1.NoticeSent',
    delivery,
    at,
    {
      deliveryId: delivery,
      caseId: CASE,
      partyId: party,
      notice: extra.notice ?? 'session-tomorrow',
      reminder: extra.reminder ?? true,
      sentAt: toTimestamp(at),
      sessionId: extra.sessionId ?? '',
    },
    point,
    CASE,
  );
}

const S1 = T0 + 3 * DAY;
const S2 = T0 + 10 * DAY;
let mediationEvents: OutgoingEvent[];
let remindedEarly: OutgoingEvent[];
let remindedLate: OutgoingEvent[];

const summary = async (unit: string) => {
  const res = await h.client.call(
    'getSummary',
    { orgUnitCode: unit, period: YEAR },
    { principal: ANALYST },
  );
  const t = res.total!;
  return {
    consentsOnline: t.consentsOnline,
    refusalsOnline: t.refusalsOnline,
    agreementSignaturesOnline: t.agreementSignaturesOnline,
    remindersSent: t.remindersSent,
    sessionsHeld: t.sessionsHeld,
    sessionAttendances: t.sessionAttendances,
    sessionNoShows: t.sessionNoShows,
    remindedAttendances: t.remindedAttendances,
    remindedNoShows: t.remindedNoShows,
    noShowRateReminded: t.noShowRateReminded,
    noShowRateNotReminded: t.noShowRateNotReminded,
    remindersByNotice: t.remindersByNotice,
  };
};

// Sessions: S1 held by the community's committee (a attended, b did not), both reminded the day
// before; S2 at the point (a attended, b and c did not), nobody reminded before it (c after).
const sessions = {
  consentsOnline: 1,
  refusalsOnline: 1,
  agreementSignaturesOnline: 1,
  sessionsHeld: 2,
  sessionAttendances: 2,
  sessionNoShows: 3,
  remindedAttendances: 1,
  remindedNoShows: 1,
  noShowRateReminded: 0.5,
  noShowRateNotReminded: 2 / 3,
};

// Three session reminders (one sent after its session) and one of an instalment; a result is no
// reminder.
const reminders = {
  remindersSent: 4,
  remindersByNotice: { 'session-tomorrow': 3, 'instalment-due': 1 },
};

it('counts online acts, reminders and no-shows reminded or not, whichever topic comes first', async () => {
  // a's reminder of S1 is projected before the session is recorded, b's after.
  remindedEarly = [notice('d-a-s1', 'a', S1 - DAY, { sessionId: 's1' })];
  await h.publish(remindedEarly);
  await h.readModel.waitForCatchUp(60_000);

  mediationEvents = [
    f.event(
      'mediation.mediation.v1.MediationCreated',
      MEDIATION,
      T0,
      {
        context: { mediationId: MEDIATION, caseId: CASE, committee: atPoint },
        orgUnit: { code: point, level: 5 },
        category: 1,
        source: 1,
        channel: 1,
      },
      point,
      CASE,
    ),
    med('mediation.mediation.v1.ConsentRecorded', T0 + HOUR, { partyId: 'a', method: ONLINE }),
    med('mediation.mediation.v1.ConsentRecorded', T0 + HOUR, { partyId: 'b', method: WRITTEN }),
    med('mediation.mediation.v1.RefusalRecorded', T0 + 2 * HOUR, { partyId: 'c', method: ONLINE }),
    f.event(
      'mediation.mediation.v1.SessionRecorded',
      MEDIATION,
      S1 + HOUR,
      {
        context: { mediationId: MEDIATION, caseId: CASE, committee: atCommunity },
        sessionId: 's1',
        heldAt: toTimestamp(S1),
        attendedPartyIds: ['a'],
        noShowPartyIds: ['b'],
      },
      point,
      CASE,
    ),
    med('mediation.mediation.v1.SessionRecorded', S2 + HOUR, {
      sessionId: 's2',
      heldAt: toTimestamp(S2),
      attendedPartyIds: ['a'],
      noShowPartyIds: ['b', 'c'],
    }),
    med('mediation.mediation.v1.AgreementProposed', S2 + 2 * HOUR, { partyIds: ['a', 'b'] }),
    med('mediation.mediation.v1.AgreementSigned', S2 + 3 * HOUR, { partyId: 'a', method: ONLINE }),
    med('mediation.mediation.v1.SessionResponseRecorded', S2 + 3 * HOUR, {
      sessionId: 's3',
      partyId: 'a',
      answer: 1,
    }),
  ];
  await h.publish(mediationEvents);
  await h.readModel.waitForCatchUp(60_000);

  remindedLate = [
    notice('d-b-s1', 'b', S1 - DAY + HOUR, { sessionId: 's1' }),
    // After S2: it reminded c of nothing that had not happened.
    notice('d-c-s2', 'c', S2 + DAY, { sessionId: 's2' }),
    notice('d-a-inst', 'a', S2 + 2 * DAY, { notice: 'instalment-due' }),
    // A result, not a reminder.
    notice('d-a-result', 'a', S2 + 2 * DAY, { notice: 'agreement-effective', reminder: false }),
  ];
  await h.publish(remindedLate);
  await h.readModel.waitForCatchUp(60_000);

  // The point holds S2 and every act; the community S1 too; the reminders count at the case's unit.
  expect(await summary(community)).toEqual({ ...sessions, ...reminders });
  expect(await summary(point)).toEqual({
    consentsOnline: 1,
    refusalsOnline: 1,
    agreementSignaturesOnline: 1,
    ...reminders,
    sessionsHeld: 1,
    sessionAttendances: 1,
    sessionNoShows: 2,
    remindedAttendances: 0,
    remindedNoShows: 0,
    noShowRateReminded: 0,
    noShowRateNotReminded: 2 / 3,
  });
  expect(await summary(units.CITY)).toEqual({ ...sessions, ...reminders });
});

it('changes nothing for a duplicate or a replay of either topic', async () => {
  const before = await summary(community);
  const digest = await h.readModel.digest();
  await h.publish([remindedLate[0], mediationEvents[4]]);
  await h.publish([...remindedLate, ...mediationEvents, ...remindedEarly]);
  await h.readModel.waitForCatchUp(60_000);
  expect(await summary(community)).toEqual(before);
  expect(await h.readModel.digest()).toBe(digest);
});

it('rebuilds the same figures from the topics', async () => {
  const before = await summary(community);
  const digest = await h.readModel.digest();
  const res = await h.client.call(
    'rebuild',
    { confirm: true, reason: 'test', wait: true },
    { principal: ADMIN },
  );
  expect(res.state).toBe(statisticsV1.RebuildState.REBUILD_STATE_COMPLETED);
  expect(res.rollupDigest).toBe(digest);
  expect(await summary(community)).toEqual(before);
  expect(before).toEqual({ ...sessions, ...reminders });
});
