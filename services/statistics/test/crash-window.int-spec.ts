import { decodeEvent } from '@mediation/contracts';
import { toEnvelope } from '@mediation/event-bus';
import { connectMongo } from '@mediation/persistence';
import { orgDirectory } from '@mediation/org-directory';
import { testMongoUrl, uniqueName } from '@mediation/testing';
import type { Connection } from 'mongoose';
import { AggregateStateStore } from '../src/rollups/persistence/aggregate-state.store';
import { rollupDigest } from '../src/rollups/persistence/rollup-digest';
import { RollupStore, type RollupWrite } from '../src/rollups/persistence/rollup.store';
import { ChangeNotifier } from '../src/rollups/projection/change.notifier';
import { orgChain } from '../src/rollups/projection/org-chain';
import { ProjectionBatch, type BatchMessage } from '../src/rollups/projection/projection.batch';
import { buildScenario } from './support/scenario';
import { EventFactory, storyEvents } from './support/scenario-events';

// The window the sequence store alone cannot cover: a process dies after SOME rollup documents
// took a run's increments. The redelivered run must complete the others and leave the done ones
// alone, ending where a clean run ends.
let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo({ url: testMongoUrl(), dbName: uniqueName('stats-crash') });
});
afterAll(async () => {
  await connection.db?.dropDatabase();
  await connection.close();
});

class CrashingStore extends RollupStore {
  override async write(writes: RollupWrite[]): Promise<void> {
    await super.write(writes.slice(0, Math.floor(writes.length / 2)));
    throw new Error('process killed mid-write');
  }
}

function projection(store: RollupStore, states: string) {
  return new ProjectionBatch(
    {
      rollups: store,
      states: new AggregateStateStore(connection, states),
      chainOf: orgChain(orgDirectory()),
      notifier: new ChangeNotifier(),
    },
    false,
  );
}

it('completes a half-written run on redelivery, exactly once', async () => {
  const factory = new EventFactory({ intake: 'i', mediation: 'm', referral: 'r', alerts: 'a' });
  const messages: BatchMessage[] = buildScenario(40, 11)
    .flatMap((c) => storyEvents(factory, c))
    .filter((o) => o.topic === 'm')
    .map((o, offset) => ({ event: o.event, decoded: decodeEvent(toEnvelope(o.event)), offset }));

  const clean = new RollupStore(connection, 'clean_rollups');
  await projection(clean, 'clean_states').apply('m_0', messages);

  const crashed = new CrashingStore(connection, 'crash_rollups');
  await expect(projection(crashed, 'crash_states').apply('m_0', messages)).rejects.toThrow(
    'killed',
  );
  const survivor = new RollupStore(connection, 'crash_rollups');
  expect(await rollupDigest(survivor)).not.toBe(await rollupDigest(clean));

  // A new process (empty caches) gets the same run again, then the run once more.
  await projection(survivor, 'crash_states').apply('m_0', messages);
  await projection(survivor, 'crash_states').apply('m_0', messages);
  expect(await rollupDigest(survivor)).toBe(await rollupDigest(clean));
});
