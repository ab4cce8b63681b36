import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { connectMongo } from '@mediation/persistence';
import {
  assertTestDatabaseName,
  plansOf,
  scanning,
  testMongoUrl,
  uniqueName,
  type PlannedQuery,
} from '@mediation/testing';
import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { inboxFilter, inboxScope } from '../src/inbox/inbox-query';
import { InboxRepository, type InboxItemDoc } from '../src/inbox/persistence/inbox.repository';
import type { NoticeKey } from '../src/notice/domain/notice.types';
import { CasePartiesRepository } from '../src/notice/persistence/case-parties.repository';
import {
  DeliveryRepository,
  type DeliveryDoc,
} from '../src/notice/persistence/delivery.repository';
import { NoticeRepository, type NoticeDoc } from '../src/notice/persistence/notice.repository';
import { PartyPreferencesRepository } from '../src/notice/persistence/party-preferences.repository';

// Every query the notification service runs, on its dispatcher's timer or for a request (the
// due notices and deliveries, stranded sends, a case's delivery log, a slot's waiting reminder,
// a party's preferences, a case's parties, the staff inbox and its read marks), reads through an index: recorded off the wire and
// explained on the server, over some thousands of rows, with the indexes the repositories build.

const ROWS = 3_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;
const STATUSES: DeliveryDoc['status'][] = ['SENT', 'SENT', 'SENT', 'SKIPPED', 'FAILED', 'PENDING'];
const params = { zh: { committee: '调解委员会' }, en: { committee: 'committee' } };

const notice = (i: number): NoticeDoc => ({
  _id: `event-${i}/session-tomorrow`,
  caseId: `case-${i % 700}`,
  orgUnitCode: '210202002001',
  eventId: `event-${i}`,
  eventType: 'mediation.mediation.v1.SessionScheduled',
  key: 'session-tomorrow' as NoticeKey,
  partyIds: [],
  params,
  reminder: true,
  dueAt: new Date(START + i * HOUR),
  plannedAt: new Date(START + i * HOUR - 24 * HOUR),
  slot: `session:s-${i}`,
  status: i % 10 === 0 ? 'WAITING' : 'DONE',
});

const delivery = (i: number): DeliveryDoc => ({
  _id: `event-${i}/case-accepted/party-${i % 3}`,
  noticeId: `event-${i}/case-accepted`,
  caseId: `case-${i % 700}`,
  orgUnitCode: '210202002001',
  partyId: `party-${i % 3}`,
  key: 'case-accepted',
  eventType: 'mediation.mediation.v1.MediationAccepted',
  reminder: false,
  params,
  language: 'zh',
  phoneMasked: '138****5678',
  status: STATUSES[i % STATUSES.length]!,
  detail: '',
  attempts: 1,
  plannedAt: new Date(START + i * HOUR),
  dueAt: new Date(START + i * HOUR),
  finishedAt: null,
  providerMessageId: '',
  version: 2,
});

let connection: Connection;
let db: Db;
let plans: (run: () => Promise<unknown>) => Promise<PlannedQuery[]>;
let notices: NoticeRepository;
let deliveries: DeliveryRepository;
let cases: CasePartiesRepository;
let inbox: InboxRepository;

const UNITS = ['210202002001', '210202002002', '210202002003'];
const CHAINS: Record<string, string[]> = {
  '210202002001': ['210202002001', '210202002', '210202', '210200'],
  '210202002002': ['210202002002', '210202002', '210202', '210200'],
  '210202002003': ['210202002003', '210202002', '210202', '210200'],
};
const item = (i: number): InboxItemDoc => {
  const unit = UNITS[i % UNITS.length]!;
  return {
    _id: `item-${String(i).padStart(5, '0')}`,
    caseId: `case-${i % 700}`,
    caseNumber: `N-${i % 700}`,
    kind: 1 + (i % 6),
    partyId: `party-${i % 3}`,
    occurredAt: new Date(START + i * HOUR),
    orgUnitCode: unit,
    committeeCode: `MC-${unit}`,
    chain: CHAINS[unit]!,
    sessionId: '',
    note: '',
    eventType: 'mediation.mediation.v1.SatisfactionRecorded',
    recordedAt: new Date(START + i * HOUR),
    readBy: i % 4 === 0 ? ['mediator-1'] : [],
  };
};

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('notification_index_use')),
    monitorCommands: true,
  });
  db = connection.db as unknown as Db;
  plans = (run) => plansOf(connection.getClient(), connection.db!, run);
  notices = new NoticeRepository(db);
  deliveries = new DeliveryRepository(db);
  await notices.init();
  await deliveries.init();
  inbox = new InboxRepository(db);
  await inbox.init();
  cases = new CasePartiesRepository(db);
  for (let i = 0; i < 700; i++)
    await cases.set(`case-${i}`, '210202002001', [{ partyId: 'party-1', role: 1 }]);
  for (let from = 0; from < ROWS; from += 500) {
    await db
      .collection<NoticeDoc>('notices')
      .insertMany(Array.from({ length: 500 }, (_, k) => notice(from + k)));
    await db
      .collection<DeliveryDoc>('deliveries')
      .insertMany(Array.from({ length: 500 }, (_, k) => delivery(from + k)));
    await db
      .collection<InboxItemDoc>('inbox_items')
      .insertMany(Array.from({ length: 500 }, (_, k) => item(from + k)));
  }
}, 300_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const now = new Date(START + 1_000 * HOUR);

it("the dispatcher's pass: due notices, due deliveries, stranded sends", async () => {
  const planned = await plans(async () => {
    await notices.due(now, 100);
    await deliveries.due(now, 100);
    await deliveries.stranded(now, 100);
  });
  expect(planned).toHaveLength(3);
  expect(scanning(planned)).toEqual([]);
});

it("a notice's plan (its slot's waiting reminder) and its hand-out", async () => {
  const planned = await plans(async () => {
    await notices.plan(
      { ...notice(ROWS + 1), partyIds: [], slot: 'session:s-20' },
      { caseId: 'case-1', orgUnitCode: '210202002001', eventId: 'event-new', eventType: 'x' },
      { dueAt: now, plannedAt: now, reminder: true },
    );
    await notices.markDone('event-20/session-tomorrow');
    await deliveries.update({ _id: delivery(5)._id, version: 2 }, { status: 'SENT' });
  });
  expect(planned.map((q) => q.command)).toEqual(['update', 'update', 'update']);
  expect(scanning(planned)).toEqual([]);
});

it("a case's delivery log and waiting notices, a party's preferences, a case's parties", async () => {
  const planned = await plans(async () => {
    await deliveries.forCase('case-7');
    await notices.waitingFor('case-7');
    const preferences = new PartyPreferencesRepository(db);
    await preferences.init();
    await preferences.of('case-7', 'party-1');
    await preferences.forCase('case-7');
    await cases.get('case-7');
  });
  expect(planned).toHaveLength(5);
  expect(scanning(planned)).toEqual([]);
});

it("the relay's sweep for NoticeSent not yet published, and a SENT with its event", async () => {
  const planned = await plans(async () => {
    await db
      .collection('deliveries')
      .find({ outboxPending: { $gt: 0 } }, { projection: { _id: 1 } })
      .limit(50)
      .toArray();
    await deliveries.update({ _id: delivery(7)._id, version: 2 }, { status: 'SENT' });
  });
  expect(planned).toHaveLength(2);
  expect(scanning(planned)).toEqual([]);
});

describe('the staff inbox', () => {
  const directory = orgDirectory();
  const principal = (extra: Partial<commonV1.Principal>) =>
    commonV1.Principal.fromPartial({
      subject: 'mediator-1',
      roles: [commonV1.Role.ROLE_MEDIATOR],
      orgUnitCode: '210202002',
      ...extra,
    });
  const callers = {
    subtree: principal({}),
    committee: principal({ orgUnitCode: '210202002001', committeeCode: 'MC-210202002001' }),
    everyone: principal({ roles: [commonV1.Role.ROLE_ADMINISTRATOR], orgUnitCode: '' }),
  };

  it.each(Object.entries(callers))(
    'a page, its next page, unread only, the unread count and the read marks: %s',
    async (_who, caller) => {
      const scope = inboxScope(caller, directory)!;
      const after = { at: new Date(START + 1_500 * HOUR), id: 'item-01500' };
      const planned = await plans(async () => {
        await inbox.list(inboxFilter(scope, caller.subject, false, null), 51);
        await inbox.list(inboxFilter(scope, caller.subject, false, after), 51);
        await inbox.list(inboxFilter(scope, caller.subject, true, null), 51);
        await inbox.countUpTo(inboxFilter(scope, caller.subject, true, null), 1_000);
        await inbox.markRead(
          { _id: { $in: ['item-00010', 'item-00011'] }, ...scope, readBy: { $ne: caller.subject } },
          caller.subject,
        );
        await cases.some(['case-1', 'case-2']);
      });
      expect(planned).toHaveLength(6);
      expect(scanning(planned)).toEqual([]);
    },
  );
});
