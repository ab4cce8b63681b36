import type { Metadata } from '@grpc/grpc-js';
import type { statisticsV1 } from '@mediation/contracts';
import { toFigureValues } from '../../domain/figures';
import { toFiguresMessage } from '../shared/figures.mapper';
import { authorizeUnit, orgUnitRef } from '../shared/query-access';
import type { QueryContext } from '../shared/query-context';
import { parseFilters, parsePeriod, periodMessage } from '../shared/request-parsing';
import { newestAsOf, readRollups, type UnitRollup } from '../shared/rollup.reader';

const figures = (r: UnitRollup | undefined) =>
  toFiguresMessage(toFigureValues(r?.counters ?? {}, r?.openBacklog ?? 0));

/** An org unit and each of its children, one read for all of them. */
export async function drilldown(
  ctx: QueryContext,
  request: statisticsV1.DrilldownRequest,
  metadata: Metadata,
): Promise<statisticsV1.DrilldownResponse> {
  authorizeUnit(metadata, request.orgUnitCode, ctx.directory);
  const period = parsePeriod(request.period);
  const filter = parseFilters(request.filters);
  const unit = request.orgUnitCode;
  const children = ctx.directory.children(unit).filter((c) => c.active);
  const rollups = await readRollups(
    ctx.readModel.rollups,
    [unit, ...children.map((c) => c.code)],
    period,
    filter,
  );
  return {
    orgUnit: orgUnitRef(ctx.directory, unit),
    period: periodMessage(period),
    total: figures(rollups.get(unit)),
    children: children.map((c) => ({
      orgUnit: orgUnitRef(ctx.directory, c.code),
      name: c.name,
      figures: figures(rollups.get(c.code)),
    })),
    asOf: newestAsOf(rollups.values()),
  };
}
