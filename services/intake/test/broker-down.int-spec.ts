import { EVENT_TYPES } from '@mediation/contracts';
import { createKafka, ensureTopics, headerString } from '@mediation/event-bus';
import { eventually, PrivateStack, uniqueName } from '@mediation/testing';
import {
  COMMUNITY,
  Role,
  openCaseRequest,
  principal,
  readEvents,
  startHarness,
  type Harness,
} from './intake-harness';
import { LIFE_STATUS } from '../src/case-view/domain/life-status';

// With the broker down OpenCase still succeeds; the event waits in the case's outbox and is
// published when the broker is back, then leaves the outbox. Delivery is at-least-once: a send
// that timed out while the broker was coming back may have landed, and the relay sends it again
// (docs/persistence.md, "The relay"), so a second copy is allowed, but only of the same event
// (its ce_id and sequence), which consumers drop. The broker here is a PRIVATE one on its own
// ports and directory: the shared broker of the local stack is never stopped.

const stack = new PrivateStack('intake-test', { kafka: 19192, kafkaController: 19193 });
const BROKERS = stack.brokers;

let h: Harness;
const topic = uniqueName('intake-offline');

beforeAll(async () => {
  stack.stop('kafka'); // a leftover of an interrupted run would make the "down" phase a lie
  h = await startHarness({ KAFKA_BROKERS: BROKERS.join(','), INTAKE_EVENTS_TOPIC: topic });
});
afterAll(async () => {
  await h?.stop();
  stack.stop('kafka');
});

it('opens cases with the broker down and publishes their events once it is back', async () => {
  const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);
  const opened = await h.client.call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }), {
    principal: mediator,
  });
  const caseId = opened.case!.caseId;
  // A sleep, as it proves that nothing is published (the relay keeps failing) while the broker
  // is down.
  await new Promise((r) => setTimeout(r, 2_000));
  const waiting = await h.db.collection('cases').findOne({ _id: caseId as never });
  expect(waiting).toMatchObject({ outboxPending: 1 });
  // Its view came with its insert (nothing was consumed): the list shows it at once.
  expect(waiting).toMatchObject({
    lifeStatus: LIFE_STATUS.REGISTERED,
    progress: { gen: 1, rev: 1, seq: { intake: 1 }, status: LIFE_STATUS.REGISTERED },
  });

  stack.start('kafka');
  const admin = createKafka({ brokers: BROKERS, clientId: uniqueName('admin') }).admin();
  await admin.connect();
  // The case view also reads mediation's and referral's topics (the harness's names).
  await ensureTopics(
    admin,
    [topic, `${topic}.mediation`, `${topic}.referral`].map((t) => ({ topic: t, partitions: 3 })),
  );
  await admin.disconnect();

  await readEvents(topic, (ms) => ms.length >= 1, BROKERS);
  await new Promise((r) => setTimeout(r, 1_500)); // a doubled event would arrive now
  const sent = await readEvents(topic, (ms) => ms.length >= 1, BROKERS);
  const header = (i: number, name: string) => headerString(sent[i].headers as never, name);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(header(0, 'ce_type')).toBe(EVENT_TYPES.CaseOpened.type);
  for (let i = 0; i < sent.length; i++) {
    expect(sent[i].key?.toString()).toBe(caseId);
    expect([header(i, 'ce_id'), header(i, 'ce_sequence')]).toEqual([header(0, 'ce_id'), '1']);
  }
  const drained = await h.db.collection('cases').findOne({ _id: caseId as never });
  expect(drained).toMatchObject({ outboxPending: 0 });
  // The view's consumer found CaseOpened applied: its timeline has the step, the case the same view.
  await eventually(
    async () =>
      (await h.db.collection('case_timeline').countDocuments({ caseId })) === 1 ? true : undefined,
    { timeoutMs: 60_000, what: 'the case view to consume CaseOpened' },
  );
  const viewed = await h.db.collection('cases').findOne({ _id: caseId as never });
  expect(viewed!.progress).toEqual(waiting!.progress);
}, 180_000);
