import type { Metadata } from '@grpc/grpc-js';
import type { statisticsV1 } from '@mediation/contracts';
import { toFigureValues } from '../../domain/figures';
import { toFiguresMessage } from '../shared/figures.mapper';
import { authorizeUnit, orgUnitRef } from '../shared/query-access';
import type { QueryContext } from '../shared/query-context';
import {
  parseDimension,
  parseFilters,
  parsePeriod,
  periodMessage,
} from '../shared/request-parsing';
import { breakdownOf, newestAsOf, dimensionBacklogAt, readRollups } from '../shared/rollup.reader';

/** The figures of one org unit's subtree for one period, with optional breakdowns. */
export async function getSummary(
  ctx: QueryContext,
  request: statisticsV1.GetSummaryRequest,
  metadata: Metadata,
): Promise<statisticsV1.GetSummaryResponse> {
  authorizeUnit(metadata, request.orgUnitCode, ctx.directory);
  const period = parsePeriod(request.period);
  const filter = parseFilters(request.filters);
  const dimensions = (request.dimensions ?? []).map((d, i) =>
    parseDimension(d, `dimensions[${i}]`),
  );
  const store = ctx.readModel.rollups;
  const unit = request.orgUnitCode;
  const rollup = (await readRollups(store, [unit], period, filter)).get(unit);
  const breakdowns: statisticsV1.Breakdown[] = [];
  for (const [i, dimension] of dimensions.entries()) {
    // Breakdowns are of the whole unit: rollups do not keep cross-products of dimensions.
    const backlog = dimensionBacklogAt(rollup?.backlogDocs ?? {}, period, dimension);
    breakdowns.push({
      dimension: request.dimensions[i],
      rows: breakdownOf(rollup?.doc, dimension).map((row) => ({
        key: row.key,
        figures: toFiguresMessage(toFigureValues(row.counters, backlog.get(row.key) ?? 0)),
      })),
    });
  }
  return {
    orgUnit: orgUnitRef(ctx.directory, unit),
    period: periodMessage(period),
    total: toFiguresMessage(toFigureValues(rollup?.counters ?? {}, rollup?.openBacklog ?? 0)),
    breakdowns,
    asOf: newestAsOf(rollup ? [rollup] : []),
  };
}
