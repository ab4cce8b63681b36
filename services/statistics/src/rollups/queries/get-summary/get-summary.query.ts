import type { statisticsV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { toFigureValues } from '../../domain/figures';
import { toFiguresMessage } from '../../mapping/figures.mapper';
import { orgUnitRef } from '../../mapping/org-unit-ref';
import { authorizeUnit } from '../shared/unit-access';
import type { RollupSources } from '../shared/rollup-sources';
import {
  parseDimension,
  parseFilters,
  parsePeriod,
  periodMessage,
} from '../../mapping/request-parsing';
import { breakdownOf, newestAsOf, dimensionBacklogAt, readRollups } from '../shared/rollup.reader';

/** The figures of one org unit's subtree for one period, with optional breakdowns. */
export async function getSummary(
  sources: RollupSources,
  request: statisticsV1.GetSummaryRequest,
  call: RpcCall,
): Promise<statisticsV1.GetSummaryResponse> {
  authorizeUnit(call.principal, request.orgUnitCode, sources.directory);
  const period = parsePeriod(request.period);
  const filter = parseFilters(request.filters);
  const dimensions = (request.dimensions ?? []).map((d, i) =>
    parseDimension(d, `dimensions[${i}]`),
  );
  const store = sources.readModel.rollups;
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
    orgUnit: orgUnitRef(sources.directory, unit),
    period: periodMessage(period),
    total: toFiguresMessage(toFigureValues(rollup?.counters ?? {}, rollup?.openBacklog ?? 0)),
    breakdowns,
    asOf: newestAsOf(rollup ? [rollup] : []),
  };
}
