import type { Logger } from '@mediation/telemetry';
import type { BusEvent } from './bus-event';
import {
  aggregateKey,
  type MessageProcessor,
  type MessageProcessorOptions,
  type Outcome,
  type RawMessage,
} from './message-processor';
import type { ParkedStore } from './parked-store';

/**
 * Applies events of one partition together, in their order. It must be idempotent per event by
 * itself (the handler keeps its sequences): a run that fails is applied again one message at a
 * time, some of its events possibly applied already.
 */
export type RunHandler = (events: BusEvent[]) => Promise<void>;

export interface RunProcessorOptions {
  group: string;
  decode: MessageProcessorOptions['decode'];
  runHandler: RunHandler;
  /** The one-by-one path, with its retries, parking and dead letters. */
  single: MessageProcessor;
  parking?: ParkedStore;
  handles?: MessageProcessorOptions['handles'];
  log: Logger;
}

interface Member {
  index: number;
  event: BusEvent;
}

/**
 * What happens to a slice of a partition's messages when the consumer applies runs: one look-up
 * of the parked aggregates among them, then the run handler once for every event it can take.
 * Messages that do not decode, and those of a parked aggregate, go the one-by-one way
 * (MessageProcessor) and are parked or dead-lettered there. A run that throws is applied again
 * one message at a time, so a bad event is retried and parked on its own and the others still
 * apply. Runs never cross aggregates' order: an aggregate's events all go one way, in order.
 */
export class RunProcessor {
  constructor(private readonly options: RunProcessorOptions) {}

  async process(raws: readonly RawMessage[]): Promise<Outcome[]> {
    const { group, parking, handles, runHandler, single, log } = this.options;
    const outcomes: Outcome[] = new Array<Outcome>(raws.length);
    const oneByOne: number[] = [];
    let run: Member[] = [];
    raws.forEach((raw, index) => {
      const event = this.decoded(raw);
      if (!event) oneByOne.push(index);
      else if (handles && !handles(event.eventType)) outcomes[index] = 'skipped';
      else run.push({ index, event });
    });

    if (parking && run.length > 0) {
      const parked = await parking.parkedAmong(
        group,
        run.map((m) => aggregateKey(m.event)),
      );
      if (parked.size > 0) {
        oneByOne.push(...run.filter((m) => parked.has(aggregateKey(m.event))).map((m) => m.index));
        run = run.filter((m) => !parked.has(aggregateKey(m.event)));
      }
    }

    if (run.length > 0) {
      try {
        await runHandler(run.map((m) => m.event));
        for (const m of run) outcomes[m.index] = 'applied';
      } catch (err) {
        log.warn(
          { err, topic: raws[0].topic, partition: raws[0].partition, messages: run.length },
          'run failed: applying its messages one by one',
        );
        oneByOne.push(...run.map((m) => m.index));
      }
    }

    for (const index of oneByOne.sort((a, b) => a - b))
      outcomes[index] = await single.process(raws[index]);
    return outcomes;
  }

  private decoded(raw: RawMessage): BusEvent | undefined {
    if (!raw.value) return undefined;
    try {
      return this.options.decode(raw.value, raw.headers);
    } catch {
      return undefined; // the one-by-one path decodes it again and parks it as undecodable
    }
  }
}
