import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { periodStartMs, periodsOf, previousDays } from '../../rollups/domain/periods';
import { rollupId } from '../../rollups/domain/rollup-keys';
import { C } from '../../rollups/domain/counters';
import { orgUnitLevelOf } from '../../rollups/mapping/org-unit-ref';
import type { RollupDocument, RollupStore } from '../../rollups/persistence/rollup.store';
import { alertId } from '../domain/alert-id';
import { judgeSpike, type SpikeRule } from '../domain/spike-rule';
import type { AlertRepository } from '../persistence/alert.repository';

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
  constructor(
    private readonly alerts: AlertRepository,
    private readonly rule: SpikeRule,
    private readonly directory: OrgDirectory,
  ) {}

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
    const held = check.chain.map((unit) => alertId(unit, check.categoryKey, day));
    if (await this.alerts.anyExists(held)) return;
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
    const windowStart = new Date(periodStartMs({ granularity: 'DAY', key: day }));
    const chain = this.directory.has(unit)
      ? [unit, ...this.directory.ancestors(unit).map((u) => u.code)]
      : [unit];
    await this.alerts.raise(alertId(unit, categoryKey, day), {
      orgUnitCode: unit,
      orgUnitLevel: orgUnitLevelOf(this.directory, unit),
      chain,
      category: (commonV1.DisputeCategory as unknown as Record<string, number>)[categoryKey] ?? 0,
      categoryKey,
      dayKey: day,
      raisedAt: new Date(atMs),
      windowStart,
      windowEnd: new Date(windowStart.getTime() + 86_400_000),
      observed,
      baseline,
      threshold,
    });
  }
}
