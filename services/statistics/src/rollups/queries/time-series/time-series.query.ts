import type { statisticsV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { toFigureValues } from '../../domain/figures';
import { periodRange } from '../../domain/periods';
import { toFiguresMessage } from '../../mapping/figures.mapper';
import { orgUnitRef } from '../../mapping/org-unit-ref';
import { authorizeUnit } from '../shared/unit-access';
import type { RollupSources } from '../shared/rollup-sources';
import { parseFilters, parsePeriod, periodMessage } from '../../mapping/request-parsing';
import { countersOf, readRollups } from '../shared/rollup.reader';
import { C } from '../../domain/counters';
import { rollupId } from '../../domain/rollup-keys';

const MAX_POINTS = 400;

/** One point per period from from_key to to_key (at most 400). */
export async function timeSeries(
  sources: RollupSources,
  request: statisticsV1.TimeSeriesRequest,
  call: RpcCall,
): Promise<statisticsV1.TimeSeriesResponse> {
  authorizeUnit(call.principal, request.orgUnitCode, sources.directory);
  const from = parsePeriod({ granularity: request.granularity, key: request.fromKey }, 'from_key');
  const to = parsePeriod({ granularity: request.granularity, key: request.toKey }, 'to_key');
  if (to.key < from.key) throw new InvalidInputError('to_key', 'before from_key');
  let periods;
  try {
    periods = periodRange(from, to.key, MAX_POINTS);
  } catch {
    throw new InvalidInputError('to_key', `at most ${MAX_POINTS} periods`);
  }
  const filter = parseFilters(request.filters);
  const unit = request.orgUnitCode;
  const store = sources.readModel.rollups;
  // The backlog at the first point needs the running sum; each later one adds its period's change.
  const [first, docs] = await Promise.all([
    readRollups(store, [unit], periods[0], filter),
    store.byIds(periods.map((p) => rollupId(unit, p.key))),
  ]);
  const byPeriod = new Map(docs.map((d) => [d.p, countersOf(d, filter)]));
  let backlog =
    (first.get(unit)?.openBacklog ?? 0) - (byPeriod.get(periods[0].key)?.[C.backlogNet] ?? 0);
  const points = periods.map((period) => {
    const counters = byPeriod.get(period.key) ?? {};
    backlog += counters[C.backlogNet] ?? 0;
    return {
      period: periodMessage(period),
      figures: toFiguresMessage(toFigureValues(counters, backlog)),
    };
  });
  return { orgUnit: orgUnitRef(sources.directory, unit), points };
}
