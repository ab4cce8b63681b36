import { createHash } from 'node:crypto';
import { CST_OFFSET_MS, type DecodedEvent } from '@mediation/contracts';
import { aggregateKey, type BusEvent } from '@mediation/event-bus';
import type { SpikeCheck, SpikeDetector } from '../../alerts/detection/spike.detector';
import type { Contribution } from '../domain/contribution';
import { expandContributions } from '../domain/rollup-keys';
import type { AggregateStateStore, StoredState } from '../persistence/aggregate-state.store';
import type { RollupStore } from '../persistence/rollup.store';
import type { SessionLinkStore } from '../persistence/session-link.store';
import { RollupGroupCommit, type DocEntries } from './rollup-group-commit';
import type { ChangeNotifier } from './change.notifier';
import { projectEvent, type AggregateState } from './project-event';
import { joinSessions, type ClaimedFact } from './session-links';

export interface BatchMessage {
  event: BusEvent;
  decoded: DecodedEvent;
  offset: number;
}

export interface ProjectionDeps {
  rollups: RollupStore;
  states: AggregateStateStore;
  /** Sessions' reminded / attended parties, joined across topics (session-links.ts). */
  sessions: SessionLinkStore;
  chainOf: (code: string) => readonly string[];
  notifier: ChangeNotifier;
  spikes?: SpikeDetector;
}

const shardIds = new Map<string, string>();
/** Short, stable name of a topic partition for the per-document offset guard. */
export function shardOf(topic: string, partition: number): string {
  let id = shardIds.get(topic);
  if (!id) {
    id = createHash('sha1').update(topic).digest('hex').slice(0, 10);
    shardIds.set(topic, id);
  }
  return `${id}_${partition}`;
}

/**
 * Applies a run of messages of ONE partition to a read model, exactly once in effect:
 * 1. each event is folded into its aggregate's stored state (events at or below the stored
 *    sequence were applied before and are skipped); its increments depend on that state and the
 *    event only (pure), so recomputing them after a crash gives the same numbers;
 * 2. the run's increments go to the group commit (RollupGroupCommit): each rollup document takes
 *    only the increments of offsets above the offset it last took from this partition, and
 *    records the run's last offset in the same write;
 * 3. only then do the aggregates' states advance.
 * A crash anywhere redelivers from the last committed offset: documents already written skip
 * what they hold, the others take it, and states that did not advance recompute the same.
 */
export class ProjectionBatch {
  /** Off while a rebuild replays into a fresh model: alerts and watchers follow the live one. */
  live: boolean;
  /**
   * What this process last wrote, per "<doc>|<shard>" and per aggregate. Only the partition's
   * current consumer writes them, so they stay true until partitions move (forget() on rebalance)
   * and spare a read per document and aggregate.
   */
  private readonly stateCache = new Map<string, { seq: number; state: AggregateState }>();

  private readonly commit: RollupGroupCommit;

  /** What the group commit did so far (profiling: bench/statistics). */
  get stats(): Readonly<RollupGroupCommit['stats']> {
    return this.commit.stats;
  }

  forget(): void {
    this.commit.forget();
    this.stateCache.clear();
  }

  constructor(
    private readonly deps: ProjectionDeps,
    live: boolean,
  ) {
    this.live = live;
    this.commit = new RollupGroupCommit(deps.rollups);
  }

  /** @returns how many events changed something. */
  async apply(shard: string, messages: BatchMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const keys = [...new Set(messages.map((m) => aggregateKey(m.event)))];
    const missing = keys.filter((k) => !this.stateCache.has(k));
    for (const [k, v] of await this.deps.states.getMany(missing)) this.stateCache.set(k, v);
    const stored = this.stateCache;
    const next = new Map<string, StoredState>();
    const docs = new Map<string, DocEntries>();
    const checks: SpikeCheck[] = [];
    const changed = new Map<string, string>();
    let applied = 0;
    const add = (contributions: Contribution[], offset: number, at: number, eventType: string) => {
      for (const inc of expandContributions(contributions, this.deps.chainOf)) {
        let doc = docs.get(inc.id);
        if (!doc) docs.set(inc.id, (doc = { meta: inc, entries: [] }));
        doc.entries.push({ offset, at, inc: inc.inc });
        changed.set(inc.orgUnitCode, eventType);
      }
    };
    const facts: Array<ClaimedFact & { offset: number; at: number; eventType: string }> = [];
    for (const { event, decoded, offset } of messages) {
      const key = aggregateKey(event);
      const prior = next.get(key) ?? stored.get(key);
      if (prior && prior.seq >= event.sequence) continue;
      const at = event.occurredAt.getTime();
      const projected = projectEvent(
        event.aggregateType,
        decoded,
        prior?.state,
        at,
        event.orgUnitCode,
        this.deps.chainOf,
      );
      if (!projected) continue;
      applied++;
      next.set(key, { seq: event.sequence, state: projected.state, isNew: !stored.has(key) });
      add(projected.contributions, offset, at, event.eventType);
      if (projected.sessionFact)
        facts.push({
          fact: projected.sessionFact,
          claimant: `${key}@${event.sequence}`,
          offset,
          at,
          eventType: event.eventType,
        });
      if (projected.openedCase && projected.state.kind === 'intake')
        checks.push({
          chain: this.deps.chainOf(projected.state.orgUnitCode),
          categoryKey: projected.state.keys.category ?? '',
          atMs: at,
        });
    }
    // Reminded parties moved by this run's events, with those events' offsets.
    const moved = await joinSessions(this.deps.sessions, facts);
    facts.forEach((f, i) => add(moved[i], f.offset, f.at, f.eventType));
    await this.commit.submit(shard, messages[messages.length - 1].offset, docs);
    // The rollups hold the run now: watchers may read them at once.
    if (this.live && changed.size > 0) {
      const byType = new Map<string, Set<string>>();
      for (const [unit, type] of changed)
        byType.set(type, (byType.get(type) ?? new Set()).add(unit));
      for (const [eventType, orgUnitCodes] of byType)
        this.deps.notifier.changed({ orgUnitCodes, eventType });
    }
    if (this.live && this.deps.spikes)
      await this.deps.spikes.checkAll(this.deps.rollups, dedupe(checks));
    await this.deps.states.saveMany(next);
    for (const [k, { seq, state }] of next) this.stateCache.set(k, { seq, state });
    if (this.stateCache.size > 200_000) this.stateCache.clear();
    return applied;
  }
}

/** One check per unit, category and day is enough for a run: later ones would read the same. */
function dedupe(checks: SpikeCheck[]): SpikeCheck[] {
  const byKey = new Map<string, SpikeCheck>();
  for (const c of checks)
    byKey.set(
      `${c.chain[0]}|${c.categoryKey}|${new Date(c.atMs + CST_OFFSET_MS).toISOString().slice(0, 10)}`,
      c,
    );
  return [...byKey.values()];
}
