// NoticeSent against the real Kafka and FerretDB: one event per text the provider accepted, in
// the same write as SENT (the deliveries' outbox), with the delivery's derived id, across a
// restart; a reminder says so and names its session; no phone or body travels.
import { randomUUID } from 'node:crypto';
import { derivedId, mediationV1, toTimestamp } from '@mediation/contracts';
import { connectMongo } from '@mediation/persistence';
import { eventually, testMongoUrl } from '@mediation/testing';
import { NotificationHarness, principals } from './support/notification-harness';

const COMMITTEE = { code: 'MC-210202002001', orgUnitCode: '210202002001' };
const DAY = 86_400_000;
let seq = 0;
const mobile = () =>
  `137${String(Date.now() % 1e6).padStart(6, '0')}${String(seq++ % 100).padStart(2, '0')}`;

let h: NotificationHarness;

beforeAll(async () => {
  h = await NotificationHarness.start();
});
afterAll(async () => {
  await h?.stop();
});

it('publishes NoticeSent once per text sent, a reminder marked with its session, across a restart', async () => {
  const caseId = randomUUID();
  const sessionId = randomUUID();
  const [a, b] = [
    { partyId: randomUUID(), mobile: mobile() },
    { partyId: randomUUID(), mobile: mobile() },
  ];
  await h.caseOpened(caseId, [a, b]);
  await h.call(
    'setPartyPreferences',
    { caseId, partyId: b.partyId, remindersOff: true },
    principals.mediator(),
  );
  // The session is a day and a few seconds away: its reminder is due within the test.
  const at = new Date(Date.now() + DAY + 3_000);
  await h.publish(
    'mediation.mediation.v1.SessionScheduled',
    mediationV1.SessionScheduled.fromPartial({
      context: { mediationId: caseId, caseId, committee: COMMITTEE },
      sessionId,
      scheduledAt: toTimestamp(at),
      invitedPartyIds: [a.partyId, b.partyId],
    }),
    caseId,
  );
  // a: scheduled + tomorrow; b: scheduled only (reminders off: skipped, no event).
  await eventually(async () => (h.noticesSent(caseId).length >= 3 ? true : undefined), {
    what: 'three NoticeSent',
    timeoutMs: 20_000,
  });
  const sent = (await h.deliveries(caseId)).filter((d) => d['status'] === 'SENT');
  const skipped = (await h.deliveries(caseId)).filter((d) => d['status'] === 'SKIPPED');
  expect(sent).toHaveLength(3);
  expect(skipped.map((d) => `${d['key']}:${d['partyId']}`)).toEqual([
    `session-tomorrow:${b.partyId}`,
  ]);

  const events = h.noticesSent(caseId);
  expect(events.map((e) => e.eventId).sort()).toEqual(
    sent.map((d) => derivedId('NoticeSent', String(d._id))).sort(),
  );
  const tomorrow = events.find((e) => e.payload.notice === 'session-tomorrow')!;
  const delivery = sent.find((d) => d['key'] === 'session-tomorrow')!;
  expect(tomorrow.payload).toMatchObject({
    deliveryId: String(delivery._id),
    caseId,
    partyId: a.partyId,
    reminder: true,
    sessionId,
  });
  expect(tomorrow.payload.sentAt).toBeTruthy();
  expect(tomorrow.event).toMatchObject({
    eventType: 'mediation.notification.v1.NoticeSent',
    aggregateType: 'notification.delivery',
    aggregateId: String(delivery._id),
    source: '/notification',
    sequence: 1,
    orgUnitCode: COMMITTEE.orgUnitCode,
  });
  const decisions = events.filter((e) => e.payload.notice === 'session-scheduled');
  expect(decisions.map((e) => e.payload.reminder)).toEqual([false, false]);
  expect(decisions.map((e) => e.payload.partyId).sort()).toEqual([a.partyId, b.partyId].sort());
  // No phone, masked or not, and no text in the message.
  for (const e of events) {
    const bytes = Buffer.concat([
      Buffer.from(e.message.value!),
      Buffer.from(JSON.stringify(e.message.headers ?? {})),
    ]).toString('latin1');
    for (const p of [a, b]) {
      expect(bytes).not.toContain(p.mobile);
      expect(bytes).not.toContain(p.mobile.slice(7));
    }
    expect(bytes).not.toContain('Please attend');
  }
  // The outbox is empty once published.
  expect(sent.every((d) => d['outboxPending'] === 0 || d['outbox'].length === 0)).toBe(true);

  // A restart publishes nothing again; a later text of the case goes out once as well.
  await h.shutdown();
  await h.boot();
  await h.publish(
    'mediation.mediation.v1.AgreementReached',
    mediationV1.AgreementReached.fromPartial({ context: { caseId, committee: COMMITTEE } }),
    caseId,
  );
  await eventually(async () => (h.noticesSent(caseId).length >= 5 ? true : undefined), {
    what: 'the agreement texts published',
  });
  await new Promise((r) => setTimeout(r, 1_500)); // several relay polls: nothing more follows
  const after = h.noticesSent(caseId);
  expect(after).toHaveLength(5);
  expect(new Set(after.map((e) => e.eventId)).size).toBe(5);
  expect(
    after.filter((e) => e.payload.notice === 'agreement-reached').map((e) => e.payload.reminder),
  ).toEqual([false, false]);
});

it('publishes a NoticeSent the relay did not get out before the service stopped', async () => {
  const caseId = randomUUID();
  const a = { partyId: randomUUID(), mobile: mobile() };
  await h.caseOpened(caseId, [a]);
  await h.publish(
    'mediation.mediation.v1.MediationAccepted',
    mediationV1.MediationAccepted.fromPartial({
      context: { mediationId: caseId, caseId, committee: COMMITTEE },
    }),
    caseId,
  );
  const sentDoc = await eventually(
    async () =>
      (await h.db.collection('deliveries').findOne({ caseId, status: 'SENT' })) ?? undefined,
    { what: 'the text sent' },
  );
  await eventually(async () => (h.noticesSent(caseId).length === 1 ? true : undefined), {
    what: 'its NoticeSent',
  });
  // As if the process had died between the SENT write and the relay's publish: the event is
  // back in the delivery's outbox, where the write put it.
  await h.shutdown();
  const [event] = h.noticesSent(caseId);
  const store = await connectMongo({ url: testMongoUrl(), dbName: h.config.MONGO_DB });
  await store.collection('deliveries').updateOne(
    { _id: sentDoc._id },
    {
      $set: {
        outbox: [
          {
            eventId: event!.eventId,
            eventType: event!.event.eventType,
            topic: h.config.NOTIFICATION_EVENTS_TOPIC,
            sequence: 1,
            occurredAt: event!.event.occurredAt,
            orgUnitCode: event!.event.orgUnitCode,
            caseId,
            correlationId: '',
            causationId: '',
            payload: Buffer.from(event!.event.payload),
          },
        ],
        outboxPending: 1,
        lastSequence: 1,
      },
    },
  );
  await store.close();
  await h.boot();
  // The relay's first pass after the start sweeps it out, under the same id.
  await eventually(async () => (h.noticesSent(caseId).length === 2 ? true : undefined), {
    what: 'the pending NoticeSent published after the restart',
    timeoutMs: 40_000,
  });
  const ids = h.noticesSent(caseId).map((e) => e.eventId);
  expect(new Set(ids)).toEqual(new Set([derivedId('NoticeSent', String(sentDoc._id))]));
  await eventually(
    async () => {
      const d = await h.db.collection('deliveries').findOne({ _id: sentDoc._id });
      return d?.['outboxPending'] === 0 ? true : undefined;
    },
    { what: 'the outbox emptied' },
  );
});
