import { UnknownEventTypeError } from '@mediation/contracts';
import type { BusEvent } from './bus-event';
import {
  MessageProcessor,
  NonRetriableError,
  type DeadLetter,
  type RawMessage,
} from './message-processor';
import { InMemorySequenceStore } from './sequence-store';

const event = (sequence: number, aggregateId = 'case-1'): BusEvent => ({
  eventId: `e-${aggregateId}-${sequence}`,
  eventType: 'test.v1.Happened',
  source: '/test',
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  aggregateType: 'case',
  aggregateId,
  sequence,
  orgUnitCode: '210202',
  caseId: aggregateId,
  correlationId: '',
  causationId: '',
  payload: new Uint8Array(),
});

const raw = (e: BusEvent | string, offset = '0'): RawMessage => ({
  topic: 't.v1',
  partition: 0,
  offset,
  key: null,
  value: Buffer.from(typeof e === 'string' ? e : JSON.stringify(e)),
  headers: {},
});

const decode = (bytes: Uint8Array): BusEvent => {
  const parsed = JSON.parse(Buffer.from(bytes).toString());
  return { ...parsed, occurredAt: new Date(parsed.occurredAt) };
};

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
