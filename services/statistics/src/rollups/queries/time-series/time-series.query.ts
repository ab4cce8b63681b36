import type { Metadata } from '@grpc/grpc-js';
import type { statisticsV1 } from '@mediation/contracts';
import { invalidArgument } from '@mediation/service-kit';
import { toFigureValues } from '../../domain/figures';
import { periodRange } from '../../domain/periods';
import { toFiguresMessage } from '../shared/figures.mapper';
import { authorizeUnit, orgUnitRef } from '../shared/query-access';
import type { QueryContext } from '../shared/query-context';
import { parseFilters, parsePeriod, periodMessage } from '../shared/request-parsing';
import { countersOf, readRollups } from '../shared/rollup.reader';
import { C } from '../../domain/counters';
import { rollupId } from '../../domain/rollup-keys';

const MAX_POINTS = 400;

/** One point per period from from_key to to_key (at most 400). */
export async function timeSeries(
  ctx: QueryContext,
  request: statisticsV1.TimeSeriesRequest,
  metadata: Metadata,
): Promise<statisticsV1.TimeSeriesResponse> {
  authorizeUnit(metadata, request.orgUnitCode, ctx.directory);
  const from = parsePeriod({ granularity: request.granularity, key: request.fromKey }, 'from_key');
  const to = parsePeriod({ granularity: request.granularity, key: request.toKey }, 'to_key');
  if (to.key < from.key)
    throw invalidArgument([{ field: 'to_key', description: 'before from_key' }]);
  let periods;
  try {
    periods = periodRange(from, to.key, MAX_POINTS);
  } catch {
    throw invalidArgument([{ field: 'to_key', description: `at most ${MAX_POINTS} periods` }]);
  }
  const filter = parseFilters(request.filters);
  const unit = request.orgUnitCode;
  const store = ctx.readModel.rollups;
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
  return { orgUnit: orgUnitRef(ctx.directory, unit), points };
}
