import type { RollupIncrement } from '../domain/rollup-keys';
import type { RollupStore, RollupWrite } from '../persistence/rollup.store';

/** One run's increments for one document, each tagged with the offset of its message. */
export interface DocEntries {
  meta: RollupIncrement;
  entries: Array<{ offset: number; at: number; inc: Record<string, number> }>;
}

interface Submission {
  shard: string;
  lastOffset: number;
  docs: Map<string, DocEntries>;
  done: { resolve: () => void; reject: (e: unknown) => void };
}

/**
 * Group commit of rollup increments: the runs of all partitions that arrive within a short
 * window are merged into ONE write per document. On FerretDB every update is its own SQLite
 * transaction (tens of ms), and the city's, districts' and months' documents are touched by
 * almost every event, so merging is what makes the projection keep up.
 *
 * Exactly-once per document and partition ("shard"): a document takes a shard's increments only
 * for offsets above the offset it last recorded for that shard, and records the run's last
 * offset in the same write. Only a partition's current consumer writes its shard, so the offsets
 * this process wrote are cached (forget() when partitions move).
 */
export class RollupGroupCommit {
  private pending: Submission[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly guardCache = new Map<string, number>();

  constructor(
    private readonly rollups: RollupStore,
    private readonly windowMs = 200,
  ) {}

  forget(): void {
    this.guardCache.clear();
  }

  submit(shard: string, lastOffset: number, docs: Map<string, DocEntries>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ shard, lastOffset, docs, done: { resolve, reject } });
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        const batch = this.pending;
        this.pending = [];
        this.flushing = this.flushing.then(() => this.flush(batch));
      }, this.windowMs);
    });
  }

  private async flush(batch: Submission[]): Promise<void> {
    try {
      const merged = new Map<string, RollupWrite>();
      for (const sub of batch) {
        for (const [id, { meta, entries }] of sub.docs) {
          const key = `${id}|${sub.shard}`;
          const seen = this.guardCache.get(key) ?? (await this.rollups.guard(id, sub.shard));
          const fresh = entries.filter((e) => e.offset > seen);
          if (fresh.length === 0) continue;
          let w = merged.get(id);
          if (!w) {
            w = {
              id,
              orgUnitCode: meta.orgUnitCode,
              granularity: meta.granularity,
              periodKey: meta.periodKey,
              inc: {},
              offsets: {},
              asOf: 0,
            };
            merged.set(id, w);
          }
          for (const e of fresh) {
            for (const [path, v] of Object.entries(e.inc)) w.inc[path] = (w.inc[path] ?? 0) + v;
            w.asOf = Math.max(w.asOf, e.at);
          }
          w.offsets[sub.shard] = sub.lastOffset;
        }
      }
      const writes = [...merged.values()];
      for (const w of writes)
        for (const path of Object.keys(w.inc)) if (w.inc[path] === 0) delete w.inc[path];
      await this.rollups.write(writes);
      for (const w of writes)
        for (const [shard, offset] of Object.entries(w.offsets))
          this.guardCache.set(`${w.id}|${shard}`, offset);
      if (this.guardCache.size > 500_000) this.guardCache.clear();
      batch.forEach((s) => s.done.resolve());
    } catch (error) {
      batch.forEach((s) => s.done.reject(error));
    }
  }
}
