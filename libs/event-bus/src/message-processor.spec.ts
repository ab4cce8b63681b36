import { UnknownEventTypeError } from '@mediation/contracts';
import type { BusEvent } from './bus-event';
import { decodeJson, jsonMessage, testEvent } from './json-messages.fixtures';
import { MessageProcessor, NonRetriableError, type DeadLetter } from './message-processor';
import { InMemoryParkedStore } from './parked-store';
import { InMemorySequenceStore } from './sequence-store';

const event = (sequence: number, aggregateId = 'case-1') => testEvent(aggregateId, sequence);
const raw = jsonMessage;
const decode = decodeJson;

function setup(handler: (e: BusEvent) => Promise<void>, maxAttempts = 3) {
  const letters: DeadLetter[] = [];
  const sleeps: number[] = [];
  const processor = new MessageProcessor({
    group: 'g',
    decode,
    handler,
    sequences: new InMemorySequenceStore(),
    deadLetter: async (l) => void letters.push(l),
    retry: { maxAttempts, initialDelayMs: 10, maxDelayMs: 100, factor: 2 },
    sleeper: async (ms) => void sleeps.push(ms),
  });
  return { processor, letters, sleeps };
}

describe('MessageProcessor', () => {
  it('applies each (aggregate, sequence) once and skips redeliveries and stale replays', async () => {
    const applied: string[] = [];
    const { processor } = setup(async (e) => void applied.push(`${e.aggregateId}#${e.sequence}`));
    expect(await processor.process(raw(event(1)))).toBe('applied');
    expect(await processor.process(raw(event(2)))).toBe('applied');
    expect(await processor.process(raw(event(2)))).toBe('duplicate');
    expect(await processor.process(raw(event(1)))).toBe('duplicate');
    expect(await processor.process(raw(event(1, 'case-2')))).toBe('applied');
    expect(applied).toEqual(['case-1#1', 'case-1#2', 'case-2#1']);
  });

  it('retries a failing handler with growing back-off, then succeeds', async () => {
    let calls = 0;
    const { processor, sleeps, letters } = setup(async () => {
      if (++calls < 3) throw new Error('transient');
    });
    expect(await processor.process(raw(event(1)))).toBe('applied');
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0]);
    expect(letters).toHaveLength(0);
  });

  it('dead-letters after the last attempt with the error, and does not mark it applied', async () => {
    const { processor, letters } = setup(async () => {
      throw new Error('database says no');
    });
    expect(await processor.process(raw(event(1), '42'))).toBe('dead-lettered');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ attempts: 3, raw: { offset: '42' } });
    expect(letters[0].error.message).toBe('database says no');
  });

  it('dead-letters a non-retriable error at once', async () => {
    const { processor, letters, sleeps } = setup(async () => {
      throw new NonRetriableError('invariant broken');
    });
    expect(await processor.process(raw(event(1)))).toBe('dead-lettered');
    expect(letters[0].attempts).toBe(1);
    expect(sleeps).toHaveLength(0);
  });

  it('skips an event type it does not know, without retrying or dead-lettering it', async () => {
    const { processor, letters, sleeps } = setup(async () => {
      throw new UnknownEventTypeError('mediation.intake.v1.SomethingNew');
    });
    expect(await processor.process(raw(event(1)))).toBe('skipped');
    expect(await processor.process(raw(event(1)))).toBe('duplicate');
    expect(letters).toHaveLength(0);
    expect(sleeps).toHaveLength(0);
  });

  it('passes over the types it does not act on (handles) without reading or writing the store', async () => {
    const applied: string[] = [];
    const gaps: number[] = [];
    const sequences = new InMemorySequenceStore();
    const reads = jest.spyOn(sequences, 'lastApplied');
    const writes = jest.spyOn(sequences, 'markApplied');
    const parking = new InMemoryParkedStore();
    const parkedReads = jest.spyOn(parking, 'isParked');
    const processor = new MessageProcessor({
      group: 'g',
      decode,
      handler: async (e) => void applied.push(`${e.eventType}#${e.sequence}`),
      sequences,
      parking,
      deadLetter: async () => undefined,
      handles: (type) => type === 'test.v1.Wanted',
      onGap: (_e, last) => void gaps.push(last),
    });
    const of = (sequence: number, eventType: string) => raw({ ...event(sequence), eventType });
    expect(await processor.process(of(1, 'test.v1.Wanted'))).toBe('applied');
    const [r, w, p] = [
      reads.mock.calls.length,
      writes.mock.calls.length,
      parkedReads.mock.calls.length,
    ];
    expect(await processor.process(of(2, 'test.v1.Other'))).toBe('skipped');
    expect([
      reads.mock.calls.length,
      writes.mock.calls.length,
      parkedReads.mock.calls.length,
    ]).toEqual([r, w, p]);
    // the next wanted one follows a gap the filter made: applied, and no gap reported
    expect(await processor.process(of(3, 'test.v1.Wanted'))).toBe('applied');
    expect(await processor.process(of(3, 'test.v1.Wanted'))).toBe('duplicate');
    expect(applied).toEqual(['test.v1.Wanted#1', 'test.v1.Wanted#3']);
    expect(gaps).toEqual([]);
  });

  it('dead-letters a message that does not decode without calling the handler', async () => {
    const handler = jest.fn();
    const { processor, letters } = setup(handler);
    expect(await processor.process(raw('not json'))).toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(letters[0].error).toBeInstanceOf(SyntaxError);
  });

  it('propagates a failure to dead-letter, so the offset is not committed', async () => {
    const processor = new MessageProcessor({
      group: 'g',
      decode,
      handler: async () => {
        throw new NonRetriableError('x');
      },
      sequences: new InMemorySequenceStore(),
      deadLetter: async () => {
        throw new Error('broker down');
      },
    });
    await expect(processor.process(raw(event(1)))).rejects.toThrow('broker down');
  });
});

describe('MessageProcessor with a parked store', () => {
  /** A handler that fails for the aggregates in `broken` until they are taken out of it. */
  function setupParking() {
    const broken = new Set<string>();
    const applied: string[] = [];
    const parking = new InMemoryParkedStore();
    const sequences = new InMemorySequenceStore();
    const parkedLetters: DeadLetter[] = [];
    const processor = new MessageProcessor({
      group: 'g',
      decode,
      handler: async (e) => {
        if (broken.has(e.aggregateId)) throw new Error(`${e.aggregateId} unavailable`);
        applied.push(`${e.aggregateId}#${e.sequence}`);
      },
      sequences,
      parking,
      onParked: async (letter) => void parkedLetters.push(letter),
      deadLetter: async () => {
        throw new Error('nothing is dead-lettered when a parked store is given');
      },
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1, factor: 1 },
      sleeper: async () => undefined,
    });
    return { broken, applied, parking, sequences, processor, parkedLetters };
  }

  it('parks a failing aggregate and the events behind it, while other aggregates go on', async () => {
    const { broken, applied, parking, sequences, processor, parkedLetters } = setupParking();
    broken.add('case-1');
    expect(await processor.process(raw(event(1), '10'))).toBe('parked');
    broken.delete('case-1'); // the cause is gone, but the aggregate waits for its retry
    expect(await processor.process(raw(event(2), '11'))).toBe('parked');
    expect(await processor.process(raw(event(1, 'case-2'), '12'))).toBe('applied');
    expect(await processor.process(raw(event(3), '13'))).toBe('parked');

    expect(applied).toEqual(['case-2#1']);
    expect(await sequences.lastApplied('g', 'case/case-1')).toBe(0);
    const waiting = await parking.waiting('g', 'case/case-1');
    expect(waiting.map((m) => [m.sequence, m.cause, m.raw.offset])).toEqual([
      [1, 'failed', '10'],
      [2, 'waiting', '11'],
      [3, 'waiting', '13'],
    ]);
    expect(waiting[0]).toMatchObject({ error: 'case-1 unavailable', attempts: 2 });
    expect(parkedLetters.map((l) => l.raw.offset)).toEqual(['10']);
  });

  it('still drops a redelivery of an event applied before the aggregate was parked', async () => {
    const { broken, processor } = setupParking();
    expect(await processor.process(raw(event(1)))).toBe('applied');
    broken.add('case-1');
    expect(await processor.process(raw(event(2)))).toBe('parked');
    expect(await processor.process(raw(event(1)))).toBe('duplicate');
  });

  it('applies the parked events in order, once, when the aggregate is retried', async () => {
    const { broken, applied, parking, sequences, processor } = setupParking();
    broken.add('case-1');
    for (const seq of [1, 2, 3]) await processor.process(raw(event(seq)));
    broken.delete('case-1');

    expect(await processor.retryParked('case/case-1')).toEqual({
      applied: [1, 2, 3],
      stillParked: false,
    });
    expect(applied).toEqual(['case-1#1', 'case-1#2', 'case-1#3']);
    expect(await sequences.lastApplied('g', 'case/case-1')).toBe(3);
    expect(await parking.isParked('g', 'case/case-1')).toBe(false);

    // Redeliveries afterwards are duplicates, and the aggregate flows normally again.
    expect(await processor.process(raw(event(2)))).toBe('duplicate');
    expect(await processor.process(raw(event(4)))).toBe('applied');
    expect(applied).toEqual(['case-1#1', 'case-1#2', 'case-1#3', 'case-1#4']);
  });

  it('keeps the aggregate parked from the first event that fails again, release withdrawn', async () => {
    const applied: string[] = [];
    const parking = new InMemoryParkedStore();
    let failOn = 1;
    const flaky = new MessageProcessor({
      group: 'g',
      decode,
      handler: async (e) => {
        if (e.sequence === failOn) throw new Error(`step ${e.sequence} refused`);
        applied.push(`${e.aggregateId}#${e.sequence}`);
      },
      sequences: new InMemorySequenceStore(),
      parking,
      deadLetter: async () => undefined,
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, factor: 1 },
    });
    for (const seq of [1, 2, 3]) await flaky.process(raw(event(seq)));
    failOn = 2;
    await parking.release({ aggregate: 'case/case-1' }, 'operator');

    expect(await flaky.retryParked('case/case-1')).toEqual({ applied: [1], stillParked: true });
    const waiting = await parking.waiting('g', 'case/case-1');
    expect(waiting.map((m) => m.sequence)).toEqual([2, 3]);
    expect(waiting[0]).toMatchObject({ cause: 'failed', error: 'step 2 refused', attempts: 1 });
    expect(waiting.some((m) => m.released)).toBe(false);
    expect(await parking.retryable('g', new Date())).toEqual([]);
  });

  it('applies a replay of a parked event at once: the replay asks for the retry', async () => {
    const { broken, applied, parking, processor } = setupParking();
    broken.add('case-1');
    await processor.process(raw(event(1), '5'));
    await processor.process(raw(event(2), '6'));
    broken.delete('case-1');

    // The dead-letter copy of event 1, published to its topic again after the fix.
    expect(await processor.process(raw(event(1), '77'))).toBe('applied');
    expect(applied).toEqual(['case-1#1', 'case-1#2']);
    expect(await parking.isParked('g', 'case/case-1')).toBe(false);
  });

  it('leaves a redelivered parked event parked: only a replay or a release retries it', async () => {
    const { broken, applied, processor } = setupParking();
    broken.add('case-1');
    await processor.process(raw(event(1), '5'));
    await processor.process(raw(event(2), '6'));
    broken.delete('case-1');

    expect(await processor.process(raw(event(1), '5'))).toBe('parked');
    expect(await processor.process(raw(event(2), '6'))).toBe('parked');
    expect(applied).toEqual([]);
  });

  it('goes on after a skipped event, which stays on record with who, when and why', async () => {
    const { broken, applied, parking, processor } = setupParking();
    broken.add('case-1');
    await processor.process(raw(event(1)));
    await processor.process(raw(event(2)));
    broken.delete('case-1');
    const at = new Date('2026-12-02T10:00:00Z');

    const skipped = await parking.skip(
      { aggregate: 'case/case-1' },
      { by: 'ops-li', reason: 'case opened twice by mistake', at },
    );
    expect(skipped.map((m) => m.sequence)).toEqual([1]);
    expect((await parking.retryable('g', new Date())).map((m) => m.aggregate)).toEqual([
      'case/case-1',
    ]);

    expect(await processor.retryParked('case/case-1')).toEqual({
      applied: [2],
      stillParked: false,
    });
    expect(applied).toEqual(['case-1#2']);
    expect(await parking.skipped('g')).toEqual([
      expect.objectContaining({
        aggregate: 'case/case-1',
        sequence: 1,
        skipped: { by: 'ops-li', reason: 'case opened twice by mistake', at },
      }),
    ]);
  });

  it('parks a message that does not decode on its own, blocking no aggregate', async () => {
    const { applied, parking, processor } = setupParking();
    expect(await processor.process(raw('not json', '9'))).toBe('parked');
    expect(await processor.process(raw(event(1)))).toBe('applied');
    expect(applied).toEqual(['case-1#1']);
    const [parked] = await parking.list('g');
    expect(parked).toMatchObject({
      aggregate: 'undecodable/t.v1/0/9',
      sequence: 0,
      cause: 'failed',
    });
  });
});
