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
 * window are merged into ONE write per document (an insert when the document is new). The city's,
 * districts' and months' documents are touched by almost every event, and each write is a round
 * trip on the writer's one socket (FerretDB), so merging is what makes the projection keep up.
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
  /**
   * Documents whose guards this process knows for every partition it may write: it inserted
   * them, or read all their guards. A partition absent from `guardCache` is then at -1. Only a
   * partition's consumer writes its guard, and partitions move only with a group join (forget()).
   */
  private readonly known = new Set<string>();
  /** What the group commit did, for profiling (bench/statistics). */
  readonly stats = { flushes: 0, documents: 0, created: 0, existed: 0, guardReads: 0 };

  constructor(
    private readonly rollups: RollupStore,
    private readonly windowMs = 200,
  ) {}

  forget(): void {
    this.guardCache.clear();
    this.known.clear();
  }

  submit(shard: string, lastOffset: number, docs: Map<string, DocEntries>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ shard, lastOffset, docs, done: { resolve, reject } });
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        // The batch is taken when the previous flush is done: runs that arrive while a long
        // flush writes (a catch-up) merge into the next one instead of queueing one by one.
        this.flushing = this.flushing.then(() => {
          const batch = this.pending;
          this.pending = [];
          return batch.length > 0 ? this.flush(batch) : undefined;
        });
      }, this.windowMs);
    });
  }

  private async flush(batch: Submission[]): Promise<void> {
    try {
      // Every touched document with the runs (one per partition) that touch it.
      const docs = new Map<string, { meta: RollupIncrement; parts: Part[] }>();
      for (const sub of batch)
        for (const [id, { meta, entries }] of sub.docs) {
          let doc = docs.get(id);
          if (!doc) docs.set(id, (doc = { meta, parts: [] }));
          doc.parts.push({ shard: sub.shard, lastOffset: sub.lastOffset, entries });
        }
      // 1. Guards: those this process wrote are cached. A document with no cached guard at all
      //    is most likely new: it is inserted with everything (guard -1) and, should it exist,
      //    the insert fails for it alone and it goes to step 3. A document known to exist but
      //    not yet written from some partition has that guard read by `_id`.
      const guards = new Map<string, number>();
      const optimistic = new Set<string>();
      const toRead: Array<[string, string]> = [];
      for (const [id, { parts }] of docs) {
        const known = this.known.has(id);
        const cached = parts.map(
          (p) => this.guardCache.get(`${id}|${p.shard}`) ?? (known ? -1 : undefined),
        );
        if (cached.every((g) => g === undefined)) optimistic.add(id);
        else
          parts.forEach((p, i) => {
            if (cached[i] === undefined) toRead.push([id, p.shard]);
            else guards.set(`${id}|${p.shard}`, cached[i]);
          });
      }
      await this.readGuards(toRead, guards);
      // 2. One write per document: inserts for the presumed new, `_id` updates for the others.
      const first = [
        ...[...optimistic].map((id) => this.fold(id, docs.get(id)!, () => -1, true)),
        ...[...docs.keys()]
          .filter((id) => !optimistic.has(id))
          .map((id) => this.fold(id, docs.get(id)!, (shard) => guards.get(`${id}|${shard}`) ?? -1)),
      ].filter((w): w is RollupWrite => w !== undefined);
      let unwritten = await this.rollups.write(first);
      const existed = new Set(unwritten);
      const written = first.filter((w) => !existed.has(w.id));
      // 3. Presumed new but existing (written before this process started), or moved on since
      //    their guards were read (a timed-out command that committed after all): read their
      //    guards again and write what they still lack.
      for (let round = 1; unwritten.length > 0; round++) {
        if (round > MAX_GUARD_ROUNDS)
          throw new Error(`rollup guards kept moving for ${unwritten.slice(0, 3).join(', ')}`);
        await this.readGuards(
          unwritten.flatMap((id) =>
            docs.get(id)!.parts.map((p) => [id, p.shard] as [string, string]),
          ),
          guards,
        );
        const again = unwritten
          .map((id) => this.fold(id, docs.get(id)!, (shard) => guards.get(`${id}|${shard}`) ?? -1))
          .filter((w): w is RollupWrite => w !== undefined);
        const refused = new Set(await this.rollups.write(again));
        written.push(...again.filter((w) => !refused.has(w.id)));
        unwritten = [...refused];
      }
      for (const w of written) {
        for (const [shard, offset] of Object.entries(w.offsets))
          this.guardCache.set(`${w.id}|${shard}`, offset);
        if (w.create) this.known.add(w.id);
      }
      if (this.guardCache.size > 500_000 || this.known.size > 500_000) this.forget();
      this.stats.flushes++;
      this.stats.documents += written.length;
      this.stats.created += first.filter((w) => w.create && !existed.has(w.id)).length;
      this.stats.existed += existed.size;
      batch.forEach((s) => s.done.resolve());
    } catch (error) {
      // Some documents may have been written: read their guards again next time.
      this.forget();
      batch.forEach((s) => s.done.reject(error));
    }
  }

  /** Reads the documents' guards (all partitions at once) and remembers them. */
  private async readGuards(pairs: Array<[string, string]>, into: Map<string, number>) {
    const ids = [...new Set(pairs.map(([id]) => id))];
    if (ids.length === 0) return;
    this.stats.guardReads += ids.length;
    const found = await this.rollups.guards(ids);
    for (const [id, offsets] of found) {
      if (!offsets) continue;
      for (const [shard, offset] of Object.entries(offsets))
        this.guardCache.set(`${id}|${shard}`, offset);
      this.known.add(id);
    }
    for (const [id, shard] of pairs) into.set(`${id}|${shard}`, found.get(id)?.[shard] ?? -1);
  }

  /**
   * A document's write: per partition, the increments of the messages above its guard, merged;
   * undefined when it already holds them all.
   */
  private fold(
    id: string,
    doc: { meta: RollupIncrement; parts: Part[] },
    guardOf: (shard: string) => number,
    create = false,
  ): RollupWrite | undefined {
    const w: RollupWrite = {
      id,
      orgUnitCode: doc.meta.orgUnitCode,
      granularity: doc.meta.granularity,
      periodKey: doc.meta.periodKey,
      inc: {},
      offsets: {},
      seen: {},
      asOf: 0,
      create,
    };
    for (const part of doc.parts) {
      const seen = guardOf(part.shard);
      const fresh = part.entries.filter((e) => e.offset > seen);
      if (fresh.length === 0) continue;
      for (const e of fresh) {
        for (const [path, v] of Object.entries(e.inc)) w.inc[path] = (w.inc[path] ?? 0) + v;
        w.asOf = Math.max(w.asOf, e.at);
      }
      w.offsets[part.shard] = Math.max(w.offsets[part.shard] ?? -1, part.lastOffset);
      w.seen[part.shard] = seen;
    }
    if (Object.keys(w.offsets).length === 0) return undefined;
    for (const path of Object.keys(w.inc)) if (w.inc[path] === 0) delete w.inc[path];
    return w;
  }
}

/** A document whose guards move again after every read is written by someone else: a bug. */
const MAX_GUARD_ROUNDS = 5;

interface Part {
  shard: string;
  lastOffset: number;
  entries: DocEntries['entries'];
}
