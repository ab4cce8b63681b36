import { decodeEvent } from '@mediation/contracts';
import { toEnvelope } from '@mediation/event-bus';
import { connectMongo } from '@mediation/persistence';
import { orgDirectory } from '@mediation/org-directory';
import { testMongoUrl, uniqueName } from '@mediation/testing';
import type { Connection } from 'mongoose';
import {
  AggregateStateStore,
  type StoredState,
} from '../src/rollups/persistence/aggregate-state.store';
import { rollupDigest } from '../src/rollups/persistence/rollup-digest';
import { SessionLinkStore } from '../src/rollups/persistence/session-link.store';
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

// Several physical collections, as on FerretDB (ShardedCollection).
const STORE = { shards: 4 };

class CrashingStore extends RollupStore {
  override async write(writes: RollupWrite[]): Promise<string[]> {
    await super.write(writes.slice(0, Math.floor(writes.length / 2)));
    throw new Error('process killed mid-write');
  }
}

/** Dies after the rollups were written and half the aggregates' states were saved. */
class CrashingStates extends AggregateStateStore {
  override async saveMany(entries: Map<string, StoredState>): Promise<void> {
    await super.saveMany(new Map([...entries].slice(0, Math.floor(entries.size / 2))));
    throw new Error('process killed while saving states');
  }
}

function projection(store: RollupStore, states: string | AggregateStateStore) {
  return new ProjectionBatch(
    {
      rollups: store,
      states:
        typeof states === 'string' ? new AggregateStateStore(connection, states, STORE) : states,
      sessions: new SessionLinkStore(
        connection,
        `${typeof states === 'string' ? states : states.collection.name}_sessions`,
        STORE,
      ),
      chainOf: orgChain(orgDirectory()),
      notifier: new ChangeNotifier(),
    },
    false,
  );
}

const factory = new EventFactory({ intake: 'i', mediation: 'm', referral: 'r', alerts: 'a' });
const messages: BatchMessage[] = buildScenario(40, 11)
  .flatMap((c) => storyEvents(factory, c))
  .filter((o) => o.topic === 'm')
  .map((o, offset) => ({ event: o.event, decoded: decodeEvent(toEnvelope(o.event)), offset }));
let clean: RollupStore;

beforeAll(async () => {
  clean = new RollupStore(connection, 'clean_rollups', STORE);
  await projection(clean, 'clean_states').apply('m_0', messages);
});

it('completes a half-written run on redelivery, exactly once', async () => {
  const crashed = new CrashingStore(connection, 'crash_rollups', STORE);
  await expect(projection(crashed, 'crash_states').apply('m_0', messages)).rejects.toThrow(
    'killed',
  );
  const survivor = new RollupStore(connection, 'crash_rollups', STORE);
  expect(await rollupDigest(survivor)).not.toBe(await rollupDigest(clean));

  // A new process (empty caches) gets the same run again, then the run once more.
  await projection(survivor, 'crash_states').apply('m_0', messages);
  await projection(survivor, 'crash_states').apply('m_0', messages);
  expect(await rollupDigest(survivor)).toBe(await rollupDigest(clean));
});

it('redelivers a run whose rollups were written but whose states were only half saved', async () => {
  const rollups = new RollupStore(connection, 'half_states_rollups', STORE);
  const dying = new CrashingStates(connection, 'half_states', STORE);
  await expect(projection(rollups, dying).apply('m_0', messages)).rejects.toThrow('killed');
  expect(await rollupDigest(rollups)).toBe(await rollupDigest(clean));

  await projection(rollups, 'half_states').apply('m_0', messages);
  await projection(rollups, 'half_states').apply('m_0', messages);
  expect(await rollupDigest(rollups)).toBe(await rollupDigest(clean));
  const states = new AggregateStateStore(connection, 'half_states', STORE);
  const cleanStates = new AggregateStateStore(connection, 'clean_states', STORE);
  expect(await states.collection.all()).toEqual(await cleanStates.collection.all());
});

/**
 * A write whose client gave up (socket timeout) while the server went on: it commits later, here
 * right after the retry has read the documents' guards, as a command still running on the server
 * would.
 */
class LateCommitStore extends RollupStore {
  armed = false;
  private late: RollupWrite[] | undefined;

  override async write(writes: RollupWrite[]): Promise<string[]> {
    if (this.armed) {
      this.armed = false;
      this.late = writes;
      throw new Error('connection 15 to 127.0.0.1:27017 timed out');
    }
    return super.write(writes);
  }

  override async guards(ids: string[]) {
    const read = await super.guards(ids);
    const late = this.late;
    this.late = undefined;
    if (late) await super.write(late);
    return read;
  }
}

it('does not add a timed-out write again when it commits after the retry read its guards', async () => {
  const store = new LateCommitStore(connection, 'late_rollups', STORE);
  const batch = projection(store, 'late_states');
  const half = Math.floor(messages.length / 2);
  await batch.apply('m_0', messages.slice(0, half));
  // The second half updates documents this process wrote (no insert, no guard read first).
  store.armed = true;
  await expect(batch.apply('m_0', messages.slice(half))).rejects.toThrow('timed out');
  await batch.apply('m_0', messages.slice(half));
  expect(await rollupDigest(store)).toBe(await rollupDigest(clean));
});
