/**
 * Where the next case number of a committee and year starts. A number belongs to a case only
 * through the case's own insert, guarded by the unique index (committeeCode, numberYear,
 * numberSeq): there is no separate counter that could run ahead of the cases. A number n is
 * tried only when n - 1 is known to be taken (recorded as taken after an insert, read from the
 * collection, or proven by the unique-index clash of a previous try), so the numbers in use are
 * always exactly 1..max: gap-free under concurrency, across instances and across crashes
 * (docs/intake.md). A recorded hint may lag behind (crash after the insert): the next insert
 * then clashes once and continues behind the true maximum.
 */
/** What the sequence reads and writes; all reads are _id look-ups except `exactMax`. */
export interface CaseNumberStore {
  /** A number known to be taken (0 if none recorded): cheap, may lag behind. */
  recordedMax(committeeCode: string, year: number): Promise<number>;
  /** The highest number any case carries: exact, a query over the cases. Used after clashes. */
  exactMax(committeeCode: string, year: number): Promise<number>;
  record(committeeCode: string, year: number, seq: number): Promise<void>;
}

export class CaseNumberSequence {
  /** Highest number this process saw taken, per "committee:year": saves a read per insert. */
  private readonly hints = new Map<string, number>();
  /** Tail of the queue of inserts per "committee:year" in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: CaseNumberStore) {}

  /**
   * Runs the numbered inserts of one committee and year one after another within this process:
   * concurrent requests would otherwise all try the same number and retry in O(n^2) inserts.
   * Other instances still clash now and then, which the retry in OpenCaseCommand resolves.
   */
  serialise<T>(committeeCode: string, year: number, run: () => Promise<T>): Promise<T> {
    const k = key(committeeCode, year);
    const result = (this.queues.get(k) ?? Promise.resolve()).then(run, run);
    const tail = result.catch(() => undefined);
    this.queues.set(k, tail);
    void tail.then(() => {
      if (this.queues.get(k) === tail) this.queues.delete(k);
    });
    return result;
  }

  /** The first number to try. */
  async first(committeeCode: string, year: number): Promise<number> {
    const hint = this.hints.get(key(committeeCode, year));
    return (hint ?? (await this.store.recordedMax(committeeCode, year))) + 1;
  }

  /**
   * After `seq` clashed: it is taken, and so may be more (another instance may be ahead), so
   * continue after whichever is higher.
   */
  async afterClash(committeeCode: string, year: number, seq: number): Promise<number> {
    const taken = Math.max(seq, await this.store.exactMax(committeeCode, year));
    this.remember(committeeCode, year, taken);
    return taken + 1;
  }

  /** After a successful insert: remembered here and recorded for other instances. */
  async taken(committeeCode: string, year: number, seq: number): Promise<void> {
    this.remember(committeeCode, year, seq);
    await this.store.record(committeeCode, year, seq);
  }

  private remember(committeeCode: string, year: number, seq: number): void {
    const k = key(committeeCode, year);
    if (seq > (this.hints.get(k) ?? 0)) this.hints.set(k, seq);
  }
}

const key = (committeeCode: string, year: number) => `${committeeCode}:${year}`;
