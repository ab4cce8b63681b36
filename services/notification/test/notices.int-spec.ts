// The notification service against the real Kafka and FerretDB, texting through the SMS
// provider's stand-in over HTTP: once per event and recipient (across a restart and a full
// redelivery), quiet hours, opt-out, retries and the report of a failure, no personal data kept.
import { randomUUID } from 'node:crypto';
import { mediationV1, notificationV1, toTimestamp } from '@mediation/contracts';
import { eventually } from '@mediation/testing';
import { Dispatcher } from '../src/notice/dispatch/dispatcher';
import { NotificationHarness, principals } from './support/notification-harness';

const { DeliveryStatus } = notificationV1;
const COMMITTEE = { code: 'MC-210202002001', orgUnitCode: '210202002001' };
const HOUR = 3_600_000;

const party = (mobile: string) => ({ partyId: randomUUID(), mobile });
let mobileSeq = 0;
/** A fresh mobile number per party, so that tests never read each other's texts. */
const mobile = () =>
  `139${String(Date.now() % 1e6).padStart(6, '0')}${String(mobileSeq++ % 100).padStart(2, '0')}`;

const accepted = (caseId: string) =>
  mediationV1.MediationAccepted.fromPartial({
    context: { mediationId: caseId, caseId, committee: COMMITTEE },
    termDueAt: toTimestamp(new Date(Date.now() + 30 * 24 * HOUR)),
  });

const statuses = async (h: NotificationHarness, caseId: string) =>
  (await h.deliveries(caseId)).map((d) => `${d['key']}:${d['status']}`).sort();

/**
 * The case's delivery statuses once no text is in flight. The provider has a text before the
 * dispatcher records its answer (SENDING, then SENT a moment later), so a test that has just seen
 * the text waits for that write before it reads the log.
 */
const settled = (h: NotificationHarness, caseId: string) =>
  eventually(
    async () => {
      const now = await statuses(h, caseId);
      return now.some((s) => s.endsWith(':SENDING')) ? undefined : now;
    },
    { what: 'no text in flight' },
  );

describe('notification service', () => {
  let h: NotificationHarness;

  beforeAll(async () => {
    h = await NotificationHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('texts every party once when the case is accepted, and never again after a restart that replays every event', async () => {
    const caseId = randomUUID();
    const [a, b] = [party(mobile()), party(mobile())];
    await h.caseOpened(caseId, [a, b]);
    await h.publish('mediation.mediation.v1.MediationAccepted', accepted(caseId), caseId);
    await eventually(
      async () => (h.textsTo(a.mobile).length && h.textsTo(b.mobile).length ? true : undefined),
      {
        what: 'both parties texted',
      },
    );
    const [text] = h.textsTo(a.mobile);
    expect(text!.text).toContain('已由中山区元滩街道光景社区人民调解委员会受理');
    expect(text!.text).toContain(`（2026）测调字第${caseId.slice(0, 4)}号`);
    expect(text!.text.startsWith('【大连调解】')).toBe(true);

    // The service forgets which events it applied and reads both topics again from the start.
    await h.db.collection('applied_sequences').deleteMany({});
    await h.shutdown();
    await h.boot({ NOTIFICATION_CONSUMER_GROUP: `${h.config.NOTIFICATION_CONSUMER_GROUP}-again` });
    const contactsBefore = h.contacts.calls;
    // A later event of the same case shows that the replay has been consumed past the first one.
    await h.publish(
      'mediation.mediation.v1.AgreementReached',
      mediationV1.AgreementReached.fromPartial({ context: { caseId, committee: COMMITTEE } }),
      caseId,
    );
    // Both parties' texts: the two deliveries are sent one after the other.
    await eventually(
      async () =>
        h.textsTo(a.mobile).length === 2 && h.textsTo(b.mobile).length === 2 ? true : undefined,
      { what: 'the agreement texts' },
    );
    expect(h.contacts.calls).toBeGreaterThan(contactsBefore);
    // The replay did happen: intake's CaseOpened of this case was applied again.
    const applied = await h.db.collection('applied_sequences').find({}).toArray();
    expect(applied.map((a) => String(a._id)).filter((id) => id.includes(caseId)).length).toBe(2);
    expect(h.textsTo(a.mobile).map((m) => m.templateCode)).toEqual([
      'SMS_MEDIATION_CASE_ACCEPTED_ZH',
      'SMS_MEDIATION_AGREEMENT_REACHED_ZH',
    ]);
    expect(h.textsTo(b.mobile)).toHaveLength(2);
    expect(await settled(h, caseId)).toEqual([
      'agreement-reached:SENT',
      'agreement-reached:SENT',
      'case-accepted:SENT',
      'case-accepted:SENT',
    ]);
  });

  it('holds a text due in the night until the quiet hours end', async () => {
    // Quiet hours from this hour (China time) for two hours, whatever time the test runs.
    const hourNow = new Date(Date.now() + 8 * HOUR).getUTCHours();
    await h.shutdown();
    await h.boot({
      NOTIFY_QUIET_START_HOUR: String(hourNow),
      NOTIFY_QUIET_END_HOUR: String((hourNow + 2) % 24),
    });
    try {
      const caseId = randomUUID();
      const a = party(mobile());
      await h.caseOpened(caseId, [a]);
      await h.publish('mediation.mediation.v1.MediationAccepted', accepted(caseId), caseId);
      const notice = await eventually(
        async () => (await h.db.collection('notices').findOne({ caseId })) ?? undefined,
        { what: 'the notice planned' },
      );
      const dueAt = notice['dueAt'] as Date;
      const localDue = new Date(dueAt.getTime() + 8 * HOUR);
      expect(localDue.getUTCHours()).toBe((hourNow + 2) % 24);
      expect(localDue.getUTCMinutes()).toBe(0);
      await new Promise((r) => setTimeout(r, 1_000)); // five dispatcher passes
      expect(h.textsTo(a.mobile)).toHaveLength(0);
      // The staff see it waiting, for every party, and when it will go.
      const { deliveries } = await h.call('listDeliveries', { caseId }, principals.mediator());
      expect(deliveries).toMatchObject([
        {
          notice: 'case-accepted',
          partyId: '',
          status: DeliveryStatus.DELIVERY_STATUS_PENDING,
          dueAt: { seconds: String(dueAt.getTime() / 1000) },
        },
      ]);

      h.clockShiftMs = dueAt.getTime() - Date.now() + 1_000; // the morning comes
      await eventually(async () => (h.textsTo(a.mobile).length === 1 ? true : undefined), {
        what: 'the text after the quiet hours',
      });
    } finally {
      h.clockShiftMs = 0;
      await h.shutdown();
      await h.boot({ NOTIFY_QUIET_START_HOUR: '0', NOTIFY_QUIET_END_HOUR: '0' });
    }
  });

  it('asks only the parties named to sign an agreement to read and sign it in their app', async () => {
    const caseId = randomUUID();
    const [a, b, c] = [party(mobile()), party(mobile()), party(mobile())];
    await h.caseOpened(caseId, [a, b, c]);
    // A decision, not a reminder: a party who wants no reminders is asked too.
    await h.call(
      'setPartyPreferences',
      { caseId, partyId: b.partyId, remindersOff: true },
      principals.mediator(),
    );
    await h.publish(
      'mediation.mediation.v1.AgreementProposed',
      mediationV1.AgreementProposed.fromPartial({
        context: { mediationId: caseId, caseId, committee: COMMITTEE },
        proposalId: randomUUID(),
        contentHash: 'ab'.repeat(32),
        partyIds: [a.partyId, b.partyId],
      }),
      caseId,
    );
    await eventually(
      async () => (h.textsTo(a.mobile).length && h.textsTo(b.mobile).length ? true : undefined),
      { what: 'the two parties asked to sign texted' },
    );
    for (const p of [a, b]) {
      const [text, ...more] = h.textsTo(p.mobile);
      expect(more).toEqual([]);
      expect(text!.templateCode).toBe('SMS_MEDIATION_AGREEMENT_READY_ZH');
      expect(text!.text).toContain('我的调解');
    }
    expect(h.textsTo(c.mobile)).toEqual([]);
    expect(await settled(h, caseId)).toEqual(['agreement-ready:SENT', 'agreement-ready:SENT']);
  });

  it('honours a party turning reminders off, but still tells them the decisions', async () => {
    const caseId = randomUUID();
    const [quiet, other] = [party(mobile()), party(mobile())];
    await h.caseOpened(caseId, [quiet, other]);
    const set = await h.call(
      'setPartyPreferences',
      { caseId, partyId: quiet.partyId, remindersOff: true },
      principals.mediator(),
    );
    expect(set.preferences?.remindersOff).toBe(true);
    await h.publish(
      'mediation.mediation.v1.DeadlineApproaching',
      mediationV1.DeadlineApproaching.fromPartial({
        context: { caseId, committee: COMMITTEE },
        deadlineId: randomUUID(),
        kind: mediationV1.DeadlineKind.DEADLINE_KIND_PERFORMANCE_DUE,
        dueAt: toTimestamp(new Date(Date.now() + 3 * 24 * HOUR)),
      }),
      caseId,
    );
    await h.publish('mediation.mediation.v1.MediationAccepted', accepted(caseId), caseId);
    await eventually(
      async () =>
        (await statuses(h, caseId)).length === 4 && h.textsTo(quiet.mobile).length
          ? true
          : undefined,
      {
        what: 'all four deliveries decided',
      },
    );
    await eventually(
      async () =>
        // Neither waiting nor in flight (a claimed text may not have reached the provider yet).
        !(await statuses(h, caseId)).some((s) => /:(PENDING|SENDING)$/.test(s)) ? true : undefined,
      {
        what: 'nothing left to send',
      },
    );
    expect(h.textsTo(quiet.mobile).map((m) => m.templateCode)).toEqual([
      'SMS_MEDIATION_CASE_ACCEPTED_ZH',
    ]);
    expect(
      h
        .textsTo(other.mobile)
        .map((m) => m.templateCode)
        .sort(),
    ).toEqual(['SMS_MEDIATION_CASE_ACCEPTED_ZH', 'SMS_MEDIATION_INSTALMENT_DUE_ZH']);
    const log = await h.call('listDeliveries', { caseId }, principals.mediator());
    const skipped = log.deliveries.find((d) => d.status === DeliveryStatus.DELIVERY_STATUS_SKIPPED);
    expect(skipped).toMatchObject({ partyId: quiet.partyId, notice: 'instalment-due' });
    expect(skipped?.detail).toBe('the party turned reminders off');
    // Outside the case's scope: refused, nothing shown.
    await expect(
      h.call('listDeliveries', { caseId }, principals.elsewhere()),
    ).rejects.toMatchObject({
      code: 7,
    });
    await expect(
      h.call(
        'setPartyPreferences',
        { caseId, partyId: randomUUID(), remindersOff: true },
        principals.mediator(),
      ),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('retries while the provider cannot take a text, then reports it failed', async () => {
    const caseId = randomUUID();
    const a = party(mobile());
    await h.caseOpened(caseId, [a]);
    h.sms.failNext(2, 'isv.BUSINESS_LIMIT_CONTROL');
    await h.publish('mediation.mediation.v1.MediationAccepted', accepted(caseId), caseId);
    await eventually(async () => (h.textsTo(a.mobile).length ? true : undefined), {
      what: 'the text on its third attempt',
    });
    await settled(h, caseId);
    const [sent] = await h.deliveries(caseId);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 3 });

    const failing = randomUUID();
    const b = party(mobile());
    await h.caseOpened(failing, [b]);
    h.sms.failNext(5, 'isv.BUSINESS_LIMIT_CONTROL');
    await h.publish('mediation.mediation.v1.MediationAccepted', accepted(failing), failing);
    const failed = await eventually(
      async () => (await h.deliveries(failing)).find((d) => d['status'] === 'FAILED'),
      { what: 'the delivery given up' },
    );
    expect(failed).toMatchObject({ attempts: 5 });
    expect(failed['detail']).toContain('isv.BUSINESS_LIMIT_CONTROL');
    expect(h.textsTo(b.mobile)).toHaveLength(0);
  });

  it('waits out an intake outage with nothing lost, and sets aside a case intake does not know', async () => {
    const unknown = randomUUID();
    await h.publish('mediation.mediation.v1.MediationAccepted', accepted(unknown), unknown);
    await eventually(
      async () =>
        (await h.db.collection('notices').findOne({ caseId: unknown, status: 'CANCELLED' })) ??
        undefined,
      { what: 'the unknown case set aside' },
    ).then((n) => expect(n['detail']).toBe('intake does not know the case'));

    const caseId = randomUUID();
    const a = party(mobile());
    await h.caseOpened(caseId, [a]);
    h.contacts.down = true;
    try {
      await h.publish('mediation.mediation.v1.MediationAccepted', accepted(caseId), caseId);
      await eventually(
        async () => ((await h.db.collection('notices').findOne({ caseId })) ? true : undefined),
        { what: 'the notice planned' },
      );
      const calls = h.contacts.calls;
      await eventually(async () => (h.contacts.calls > calls ? true : undefined), {
        what: 'a pass that met the outage',
      });
      expect(await h.db.collection('notices').findOne({ caseId })).toMatchObject({
        status: 'WAITING',
      });
      expect(h.textsTo(a.mobile)).toHaveLength(0);
    } finally {
      h.contacts.down = false;
    }
    // The pass backs off (up to a minute at worst); a planned notice asks for a pass at once.
    h.service.app.get(Dispatcher).kick();
    await eventually(async () => (h.textsTo(a.mobile).length === 1 ? true : undefined), {
      what: 'the text once intake is back',
      timeoutMs: 60_000,
    });
  }, 90_000);

  it('keeps no phone number, name, ID number or address in the delivery log', async () => {
    const caseId = randomUUID();
    const a = party(mobile());
    await h.caseOpened(caseId, [a]);
    await h.publish('mediation.mediation.v1.MediationAccepted', accepted(caseId), caseId);
    await h.publish(
      'mediation.mediation.v1.SessionScheduled',
      mediationV1.SessionScheduled.fromPartial({
        context: { caseId, committee: COMMITTEE },
        sessionId: randomUUID(),
        scheduledAt: toTimestamp(new Date(Date.now() + 3 * 24 * HOUR)),
      }),
      caseId,
    );
    await eventually(async () => (h.textsTo(a.mobile).length === 2 ? true : undefined), {
      what: 'two texts',
    });
    await settled(h, caseId);
    const kept = JSON.stringify([
      ...(await h.deliveries(caseId)),
      ...(await h.db.collection('notices').find({ caseId }).toArray()),
    ]);
    expect(kept).not.toContain(a.mobile);
    expect(kept).toContain(`${a.mobile.slice(0, 3)}****${a.mobile.slice(7)}`);
    // The reminder the day before waits; the rest names only the case, committee and times.
    expect(await statuses(h, caseId)).toEqual(['case-accepted:SENT', 'session-scheduled:SENT']);
    expect(kept).toContain('session-tomorrow');
    // Nothing but these fields: no body, and nothing intake keeps sealed (the service never
    // receives ID numbers or addresses; the phone is used for the call and dropped). The outbox
    // fields carry the delivery's NoticeSent until it is published; a session text names its
    // session.
    for (const d of await h.deliveries(caseId))
      // (outboxSetAsideAt: written by the relay once it has published.)
      expect(
        Object.keys(d)
          .filter((k) => k !== 'outboxSetAsideAt')
          .sort(),
      ).toEqual(
        [
          ...(d['key'] === 'session-scheduled' ? ['sessionId'] : []),
          'lastSequence',
          'outbox',
          'outboxPending',
          'relayLeaseUntil',
          '_id',
          'attempts',
          'caseId',
          'detail',
          'dueAt',
          'eventType',
          'finishedAt',
          'key',
          'language',
          'noticeId',
          'orgUnitCode',
          'params',
          'partyId',
          'phoneMasked',
          'plannedAt',
          'providerMessageId',
          'reminder',
          'status',
          'version',
        ].sort(),
      );
  });
});
