import { commonV1, toTimestamp } from '@mediation/contracts';
import {
  AggregateExistsError,
  AggregateRepository,
  newEvent,
  type AggregateModel,
} from '@mediation/persistence';
import type { OrgDirectory } from '@mediation/org-directory';
import { periodStartMs, periodsOf, previousDays } from '../../rollups/domain/periods';
import { rollupId } from '../../rollups/domain/rollup-keys';
import { C } from '../../rollups/domain/counters';
import { orgUnitLevelOf } from '../../rollups/mapping/org-unit-ref';
import type { RollupDocument, RollupStore } from '../../rollups/persistence/rollup.store';
import { alertId } from '../domain/alert-id';
import { judgeSpike, type SpikeRule } from '../domain/spike-rule';
import type { AlertState } from '../persistence/alert.model';

export interface SpikeCheck {
  chain: readonly string[];
  categoryKey: string;
  atMs: number;
}

/**
 * After a new dispute is counted: is its day a spike for its category, compared with the rolling
 * baseline of the days before? One spike is one alert: the lowest unit of the chain that spikes
 * raises it, and nothing is raised while any unit of the chain already holds an alert for that
 * category and day.
 */
export class SpikeDetector {
  private readonly repository: AggregateRepository<AlertState>;

  constructor(
    private readonly model: AggregateModel,
    private readonly rule: SpikeRule,
    private readonly directory: OrgDirectory,
    private readonly alertsTopic: string,
    /** Called with the alert's id once it is stored with its event (kick the relay with it). */
    onRaised: (alertId: string) => void,
  ) {
    this.repository = new AggregateRepository<AlertState>(model, onRaised);
  }

  /**
   * The checks of one run: the top of each chain is read for all of them in parallel (most stop
   * there), the rest one after another, so that one spike raises one alert.
   */
  async checkAll(rollups: RollupStore, checks: SpikeCheck[]): Promise<void> {
    const tops = await rollups.byIds(
      checks.map((c) => rollupId(c.chain[c.chain.length - 1], periodsOf(c.atMs)[0].key)),
    );
    const byId = new Map(tops.map((d) => [d._id, d]));
    for (const c of checks) {
      const top = byId.get(rollupId(c.chain[c.chain.length - 1], periodsOf(c.atMs)[0].key));
      if ((top?.d?.category?.[c.categoryKey]?.[C.opened] ?? 0) >= this.rule.minCount)
        await this.check(rollups, c);
    }
  }

  async check(rollups: RollupStore, check: SpikeCheck): Promise<void> {
    const day = periodsOf(check.atMs)[0].key;
    const opened = (doc: RollupDocument | undefined) =>
      doc?.d?.category?.[check.categoryKey]?.[C.opened] ?? 0;
    const read = async (unit: string, dayKeys: string[]) => {
      const docs = new Map(
        (await rollups.byIds(dayKeys.map((d) => rollupId(unit, d)))).map((d) => [d.p, d]),
      );
      return dayKeys.map((d) => opened(docs.get(d)));
    };
    // A unit counts at least what each unit below it counts: when even the top of the chain is
    // under the minimum, no unit spikes (one read settles most checks).
    const top = check.chain[check.chain.length - 1];
    const [topObserved] = await read(top, [day]);
    if (topObserved < this.rule.minCount) return;
    const observedOf = new Map(
      await Promise.all(
        check.chain.map(
          async (u) => [u, u === top ? topObserved : (await read(u, [day]))[0]] as const,
        ),
      ),
    );
    const held = await Promise.all(
      check.chain.map((unit) =>
        this.model.collection.findOne({ _id: alertId(unit, check.categoryKey, day) as never }),
      ),
    );
    if (held.some((a) => a !== null)) return;
    for (const unit of check.chain) {
      // The minimum count rules most days out; the window is read only then.
      const observed = observedOf.get(unit) ?? 0;
      if (observed < this.rule.minCount) continue;
      const history = await read(unit, previousDays(day, this.rule.windowDays));
      const verdict = judgeSpike(this.rule, observed, history);
      if (verdict.spike) {
        await this.raise(
          unit,
          check.categoryKey,
          day,
          observed,
          verdict.baseline,
          verdict.threshold,
          check.atMs,
        );
        return;
      }
    }
  }

  private async raise(
    unit: string,
    categoryKey: string,
    day: string,
    observed: number,
    baseline: number,
    threshold: number,
    atMs: number,
  ) {
    const id = alertId(unit, categoryKey, day);
    const windowStart = new Date(periodStartMs({ granularity: 'DAY', key: day }));
    const windowEnd = new Date(windowStart.getTime() + 86_400_000);
    const category =
      (commonV1.DisputeCategory as unknown as Record<string, number>)[categoryKey] ?? 0;
    const level = orgUnitLevelOf(this.directory, unit);
    const event = newEvent(
      'mediation.statistics.v1.EarlyWarningRaised',
      {
        alertId: id,
        orgUnit: { code: unit, level },
        category,
        windowStart: toTimestamp(windowStart),
        windowEnd: toTimestamp(windowEnd),
        observed,
        baseline,
        threshold,
      },
      { orgUnitCode: unit, occurredAt: new Date(atMs) },
    );
    const chain = this.directory.has(unit)
      ? [unit, ...this.directory.ancestors(unit).map((u) => u.code)]
      : [unit];
    try {
      await this.repository.create(
        id,
        {
          orgUnitCode: unit,
          orgUnitLevel: level,
          chain,
          category,
          categoryKey,
          dayKey: day,
          status: 1,
          raisedAt: new Date(atMs),
          windowStart,
          windowEnd,
          observed,
          baseline,
          threshold,
        },
        [{ ...event, topic: this.alertsTopic }],
      );
    } catch (error) {
      if (!(error instanceof AggregateExistsError)) throw error;
    }
  }
}
