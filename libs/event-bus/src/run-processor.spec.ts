import type { Kafka } from 'kafkajs';
import { createLogger } from '@mediation/telemetry';
import type { BusEvent } from './bus-event';
import { EventConsumer } from './event-consumer';
import { decodeJson, jsonMessage, testEvent } from './json-messages.fixtures';
import { MessageProcessor } from './message-processor';
import { InMemoryParkedStore } from './parked-store';
import { RunProcessor } from './run-processor';
import { HandlerKeepsSequences, InMemorySequenceStore } from './sequence-store';

const event = testEvent;
const decode = decodeJson;
let offset = 0;
const raw = (e: BusEvent | string) => jsonMessage(e, String(offset++));

/**
 * A view that keeps each aggregate's last sequence itself, as the case view does: an event at or
 * below it changes nothing. `failing` events throw wherever they are applied.
 */
class SequencedView {
  readonly last = new Map<string, number>();
  readonly applied: string[] = [];
  readonly runs: string[][] = [];
  readonly failing = new Set<string>();

  apply(e: BusEvent): void {
    if (this.failing.has(e.eventId)) throw new Error(`cannot apply ${e.eventId}`);
    if (e.sequence <= (this.last.get(e.aggregateId) ?? 0)) return;
    this.last.set(e.aggregateId, e.sequence);
    this.applied.push(`${e.aggregateId}#${e.sequence}`);
  }

  /** A run is written whole or not at all, like one bulk write that throws. */
  async applyRun(events: BusEvent[]): Promise<void> {
    this.runs.push(events.map((e) => `${e.aggregateId}#${e.sequence}`));
    const bad = events.find((e) => this.failing.has(e.eventId));
    if (bad) throw new Error(`run refused at ${bad.eventId}`);
    for (const e of events) this.apply(e);
  }
}

function setup(handles?: (type: string) => boolean) {
  const view = new SequencedView();
  const parking = new InMemoryParkedStore();
  const single = new MessageProcessor({
    group: 'g',
    decode,
    handler: async (e) => view.apply(e),
    sequences: new HandlerKeepsSequences(),
    parking,
    handles,
    deadLetter: async () => undefined,
    retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1, factor: 1 },
    sleeper: async () => undefined,
  });
  const runs = new RunProcessor({
    group: 'g',
    decode,
    runHandler: (events) => view.applyRun(events),
    single,
    parking,
    handles,
    log: createLogger('run-processor-spec', { level: 'silent' }),
  });
  return { view, parking, runs };
}

describe('RunProcessor', () => {
  it('applies a slice in one call of the run handler, in order', async () => {
    const { view, runs } = setup();
    const outcomes = await runs.process([
      raw(event('a', 1)),
      raw(event('b', 1)),
      raw(event('a', 2)),
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    expect(view.runs).toEqual([['a#1', 'b#1', 'a#2']]);
    expect(view.applied).toEqual(['a#1', 'b#1', 'a#2']);
  });

  it('parks a message that does not decode on its own and applies the rest as a run', async () => {
    const { view, parking, runs } = setup();
    const outcomes = await runs.process([
      raw(event('a', 1)),
      raw('not an event'),
      raw(event('a', 2)),
    ]);
    expect(outcomes).toEqual(['applied', 'parked', 'applied']);
    expect(view.runs).toEqual([['a#1', 'a#2']]);
    const [undecodable] = await parking.list('g');
    expect(undecodable.aggregate).toMatch(/^undecodable\/t\.v1\/0\//);
  });

  it('keeps the events of a parked aggregate out of the run, parked behind its head', async () => {
    const { view, parking, runs } = setup();
    view.failing.add('e-a-1');
    expect(await runs.process([raw(event('a', 1))])).toEqual(['parked']);
    const asked = jest.spyOn(parking, 'parkedAmong');

    const outcomes = await runs.process([raw(event('b', 1)), raw(event('a', 2))]);
    expect(outcomes).toEqual(['applied', 'parked']);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(view.runs.at(-1)).toEqual(['b#1']);
    expect((await parking.waiting('g', 'case/a')).map((m) => [m.sequence, m.cause])).toEqual([
      [1, 'failed'],
      [2, 'waiting'],
    ]);
    expect(view.applied).toEqual(['b#1']);
  });

  it('applies a failed run one message at a time: the bad event parks, the others apply once', async () => {
    const { view, parking, runs } = setup();
    view.apply(event('a', 1)); // applied before, by an earlier run that failed after writing it
    view.failing.add('e-b-1');
    const outcomes = await runs.process([
      raw(event('a', 1)),
      raw(event('b', 1)),
      raw(event('a', 2)),
      raw(event('b', 2)),
    ]);
    expect(outcomes).toEqual(['applied', 'parked', 'applied', 'parked']);
    expect(view.applied).toEqual(['a#1', 'a#2']);
    expect((await parking.waiting('g', 'case/b')).map((m) => m.cause)).toEqual([
      'failed',
      'waiting',
    ]);
  });

  it('passes over the event types it does not act on', async () => {
    const { view, runs } = setup((type) => type !== 'test.v1.Ignored');
    const outcomes = await runs.process([
      raw(event('a', 1)),
      raw(event('a', 2, 'test.v1.Ignored')),
      raw(event('a', 3)),
    ]);
    expect(outcomes).toEqual(['applied', 'skipped', 'applied']);
    expect(view.runs).toEqual([['a#1', 'a#3']]);
  });
});

describe('EventConsumer with a run handler', () => {
  it('is refused with a shared sequence memory, which a run would not record', () => {
    const options = {
      groupId: 'g',
      topics: ['t.v1'],
      handler: async () => undefined,
      runHandler: async () => undefined,
    };
    expect(
      () => new EventConsumer({} as Kafka, { ...options, sequences: new InMemorySequenceStore() }),
    ).toThrow('a run handler must keep its own sequences');
  });
});
