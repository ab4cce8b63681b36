import { randomUUID } from 'node:crypto';
import { EVENT_TYPES } from '@mediation/contracts';
import { createKafka, ensureTopics, EventPublisher, type BusEvent } from '@mediation/event-bus';
import { eventually, testBrokers, uniqueName } from '@mediation/testing';
import { startHarness, type Harness } from './support/gateway-harness';
import { openStream, type Client } from './support/sse-client';

// The live case-change stream against the real broker: events published to this suite's own
// case, mediation and referral topics reach the clients whose scope covers them within seconds,
// and nobody else; the stream is refused before it opens without a token or with a wrong role.
const run = uniqueName('gwchanges');
const topics = {
  intake: `${run}.intake`,
  mediation: `${run}.mediation`,
  referral: `${run}.referral`,
};
const kafka = createKafka({ brokers: testBrokers(), clientId: run });
const publisher = new EventPublisher(kafka);
let h: Harness;
let point: string;
let elsewhere: string;
let desk: string;
let sequence = 0;

function event(
  type: string,
  orgUnitCode: string,
  caseId: string,
  extra: Partial<BusEvent> = {},
): BusEvent {
  const aggregateType = type.startsWith('mediation.intake.')
    ? 'intake.case'
    : type.startsWith('mediation.referral.')
      ? 'referral.referral'
      : 'mediation.mediation';
  return {
    eventId: randomUUID(),
    eventType: type,
    source: '/test',
    occurredAt: new Date(),
    aggregateType,
    aggregateId: caseId,
    sequence: ++sequence,
    orgUnitCode,
    caseId,
    correlationId: run,
    causationId: '',
    payload: new Uint8Array(),
    ...extra,
  };
}

const publish = (topic: string, e: BusEvent) => publisher.publish([{ topic, event: e }]);

const connect = async (userId: string, query = ''): Promise<Client> =>
  openStream(`${h.gateway.url}/api/v1/stream/cases${query}`, await h.tokenFor(userId));

const receives = (client: Client, caseId: string, what: string) =>
  eventually(async () => client.changes().find((c) => c.caseId === caseId), {
    timeoutMs: 10_000,
    what,
  });

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      Object.values(topics).map((topic) => ({ topic, partitions: 3 })),
    );
  } finally {
    await admin.disconnect();
  }
  h = await startHarness({
    KAFKA_BROKERS: testBrokers().join(','),
    CASE_CHANGES_TOPICS: Object.values(topics).join(','),
    CASE_CHANGES_GROUP_PREFIX: `${run}.gateway`,
  });
  point = h.users.volunteer.claims.org_unit_code!;
  elsewhere = h.users['mediator-elsewhere'].claims.org_unit_code!;
  desk = h.users.lawyer.claims.desk_code!;

  // The consumer joins its group in the background and reads from the latest offset: publish
  // probes until one arrives, so that the tests below start with a consumer that is reading.
  const probe = await connect('administrator');
  await eventually(
    async () => {
      if (probe.changes().length) return true;
      // One probe a second until one arrives.
      await publish(topics.intake, event(EVENT_TYPES.CaseOpened.type, point, uniqueName('probe')));
      return undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1_000, what: 'the gateway to consume the case topics' },
  );
  probe.close();
}, 90_000);

afterAll(async () => {
  await h?.stop();
  await publisher.disconnect();
  const admin = kafka.admin();
  await admin
    .connect()
    .then(() => admin.deleteTopics({ topics: Object.values(topics) }))
    .catch(() => undefined)
    .finally(() => admin.disconnect());
});

it('relays case, mediation and referral events to the clients in scope, and nothing to others', async () => {
  const volunteer = await connect('volunteer');
  const mediator = await connect('mediator');
  const committee = await connect('committee-admin');
  const lawyer = await connect('lawyer');
  const outside = await connect('mediator-elsewhere');
  for (const c of [volunteer, mediator, committee, lawyer, outside]) expect(c.status).toBe(200);

  const caseId = uniqueName('case');
  const referralId = uniqueName('referral');
  await publish(topics.intake, event(EVENT_TYPES.CaseOpened.type, point, caseId));
  await publish(
    topics.mediation,
    event(EVENT_TYPES.MediationAccepted.type, point, caseId, { sequence: 1 }),
  );
  await publish(
    topics.referral,
    event(EVENT_TYPES.ReferralCreated.type, point, caseId, {
      aggregateId: referralId,
      payload: EVENT_TYPES.ReferralCreated.encode(
        EVENT_TYPES.ReferralCreated.create({
          context: { referralId, caseId, desk: { code: desk } },
        }),
      ),
    }),
  );

  for (const [c, who] of [
    [volunteer, 'the volunteer at the point'],
    [mediator, 'the community mediator'],
    [committee, 'the street committee admin'],
  ] as const) {
    await eventually(async () => (c.changes().length >= 3 ? true : undefined), {
      timeoutMs: 10_000,
      what: `${who} to receive the three changes`,
    });
    // Three topics: no order between them.
    expect(
      c
        .changes()
        .map((x) => x.status)
        .sort(),
    ).toEqual(['ACCEPTED', 'OPENED', 'REFERRAL_CREATED']);
  }
  const opened = volunteer.changes().find((c) => c.status === 'OPENED')!;
  // The envelope's facts, the type and a status: nothing from the payload.
  expect(Object.keys(opened).sort()).toEqual(
    [
      'aggregateId',
      'aggregateType',
      'caseId',
      'eventId',
      'eventType',
      'occurredAt',
      'orgUnitCode',
      'status',
    ].sort(),
  );
  expect(opened).toMatchObject({
    caseId,
    orgUnitCode: point,
    eventType: EVENT_TYPES.CaseOpened.type,
    aggregateType: 'intake.case',
  });
  expect(new Date(opened.occurredAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

  // The lawyer sees the referral at their desk, not the case itself.
  const atDesk = await receives(lawyer, caseId, 'the lawyer to see the referral at their desk');
  expect(atDesk).toMatchObject({ status: 'REFERRAL_CREATED', aggregateId: referralId });
  expect(lawyer.changes()).toHaveLength(1);

  // Out of scope: another district's mediator got nothing at all. A sleep, as it proves that
  // nothing arrives; the changes above came through the same consumer already.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(outside.changes()).toEqual([]);

  // ... until something happens in their own district, which the point's volunteer does not see.
  const theirs = uniqueName('case');
  await publish(topics.mediation, event(EVENT_TYPES.MediationFailed.type, elsewhere, theirs));
  await receives(outside, theirs, 'the other district’s mediator to see their own case');
  // A sleep, as it proves that the others did NOT receive it.
  await new Promise((r) => setTimeout(r, 500));
  expect(volunteer.changes().some((c) => c.caseId === theirs)).toBe(false);
  expect(mediator.changes().some((c) => c.caseId === theirs)).toBe(false);

  for (const c of [volunteer, mediator, committee, lawyer, outside]) c.close();
});

it('filters by case id and keeps the connection alive', async () => {
  const one = uniqueName('case');
  const other = uniqueName('case');
  const client = await connect('mediator', `?caseId=${one}`);
  expect(client.status).toBe(200);
  await eventually(async () => client.events[0], { what: 'the ready event' });
  expect(client.events[0]).toEqual({ event: 'ready', data: { live: true } });
  await publish(topics.intake, event(EVENT_TYPES.CaseOpened.type, point, other));
  await publish(topics.intake, event(EVENT_TYPES.CaseAmended.type, point, one));
  await receives(client, one, 'the filtered case');
  expect(client.changes().map((c) => c.caseId)).toEqual([one]);
  client.close();
});

it('ends the subscription when the client goes away', async () => {
  const metric = async () =>
    Number(
      /gateway_sse_open_streams (\d+)/.exec(await (await h.request('GET', '/metrics')).text())?.[1],
    );
  await eventually(async () => ((await metric()) === 0 ? true : undefined), {
    what: 'earlier streams to close',
  });
  const client = await connect('volunteer');
  expect(await metric()).toBe(1);
  client.close();
  await eventually(async () => ((await metric()) === 0 ? true : undefined), {
    what: 'the stream to be closed on the server',
  });
});

it('refuses without a valid token, to other roles and to bad input, before opening a stream', async () => {
  expect((await h.request('GET', '/api/v1/stream/cases')).status).toBe(401);
  const forged = await h.issuer.token(h.users.volunteer.claims, { foreignKey: true });
  const res = await h.request('GET', '/api/v1/stream/cases', { token: forged });
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const analyst = await h.request('GET', '/api/v1/stream/cases', {
    token: await h.tokenFor('analyst'),
  });
  expect(analyst.status).toBe(403);
  const bad = await h.request('GET', '/api/v1/stream/cases?caseId=%20bad%20id', {
    token: await h.tokenFor('volunteer'),
  });
  expect(bad.status).toBe(400);
});

it('answers 503 when the gateway has the stream turned off', async () => {
  const off = await startHarness();
  try {
    const res = await off.request('GET', '/api/v1/stream/cases', {
      token: await off.tokenFor('volunteer'),
    });
    expect(res.status).toBe(503);
  } finally {
    await off.stop();
  }
});
