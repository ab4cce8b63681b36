/**
 * Remembers, per consumer group and aggregate ("<aggregate type>/<id>"), the last sequence
 * number applied, so that redelivered and replayed events are recognised and skipped.
 */
export interface SequenceStore {
  lastApplied(group: string, aggregate: string): Promise<number>;
  /** Records `sequence` as applied; never moves backwards. */
  markApplied(group: string, aggregate: string, sequence: number): Promise<void>;
}

/** For unit tests and single-process tools. */
export class InMemorySequenceStore implements SequenceStore {
  private readonly last = new Map<string, number>();

  async lastApplied(group: string, aggregate: string): Promise<number> {
    return this.last.get(`${group}\u0000${aggregate}`) ?? 0;
  }

  async markApplied(group: string, aggregate: string, sequence: number): Promise<void> {
    const key = `${group}\u0000${aggregate}`;
    this.last.set(key, Math.max(sequence, this.last.get(key) ?? 0));
  }
}

/**
 * For a handler whose own writes carry the last sequence of each aggregate and refuse an older
 * one (a view keeping `seq` per source, idempotent inserts): nothing is read or written, every
 * event reaches the handler, and the two round trips per event a shared memory costs are saved.
 */
export class HandlerKeepsSequences implements SequenceStore {
  async lastApplied(): Promise<number> {
    return 0;
  }

  async markApplied(): Promise<void> {}
}
