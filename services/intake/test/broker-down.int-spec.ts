import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { EVENT_TYPES } from '@mediation/contracts';
import { createKafka, ensureTopics, headerString } from '@mediation/event-bus';
import { uniqueName } from '@mediation/testing';
import {
  COMMUNITY,
  Role,
  openCaseRequest,
  principal,
  readEvents,
  startHarness,
  type Harness,
} from './intake-harness';

// With the broker down OpenCase still succeeds; the event waits in the case's outbox and is
// published when the broker is back, then leaves the outbox. Delivery is at-least-once: a send
// that timed out while the broker was coming back may have landed, and the relay sends it again
// (docs/persistence.md, "The relay"), so a second copy is allowed, but only of the same event
// (its ce_id and sequence), which consumers drop. The broker here is a PRIVATE one on its own
// ports and directory: the shared broker of the local stack is never stopped.

const PORT = 19192;
const BROKERS = [`127.0.0.1:${PORT}`];
const privateStack = {
  ...process.env,
  KAFKA_PORT: String(PORT),
  KAFKA_CONTROLLER_PORT: '19193',
  STACK_DIR: '.stack/intake-test',
};
const stackScript = path.join(__dirname, '../../../deploy/local/stack.sh');
const privateKafka = (command: 'start' | 'stop') =>
  execFileSync('bash', [stackScript, command, 'kafka'], { env: privateStack, stdio: 'inherit' });

let h: Harness;
const topic = uniqueName('intake-offline');

beforeAll(async () => {
  privateKafka('stop'); // a leftover of an interrupted run would make the "down" phase a lie
  h = await startHarness({ KAFKA_BROKERS: BROKERS.join(','), INTAKE_EVENTS_TOPIC: topic });
});
afterAll(async () => {
  await h?.stop();
  privateKafka('stop');
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

  privateKafka('start');
  const admin = createKafka({ brokers: BROKERS, clientId: uniqueName('admin') }).admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 3 }]);
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
}, 180_000);
