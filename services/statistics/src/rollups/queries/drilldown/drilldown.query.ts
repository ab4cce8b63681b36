import type { statisticsV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { toFigureValues } from '../../domain/figures';
import { toFiguresMessage } from '../../mapping/figures.mapper';
import { orgUnitRef } from '../../mapping/org-unit-ref';
import { authorizeUnit } from '../shared/unit-access';
import type { RollupSources } from '../shared/rollup-sources';
import { parseFilters, parsePeriod, periodMessage } from '../../mapping/request-parsing';
import { newestAsOf, readRollups, type UnitRollup } from '../shared/rollup.reader';

const figures = (r: UnitRollup | undefined) =>
  toFiguresMessage(toFigureValues(r?.counters ?? {}, r?.openBacklog ?? 0));

/** An org unit and each of its children, one read for all of them. */
export async function drilldown(
  sources: RollupSources,
  request: statisticsV1.DrilldownRequest,
  call: RpcCall,
): Promise<statisticsV1.DrilldownResponse> {
  authorizeUnit(call.principal, request.orgUnitCode, sources.directory);
  const period = parsePeriod(request.period);
  const filter = parseFilters(request.filters);
  const unit = request.orgUnitCode;
  const children = sources.directory.children(unit).filter((c) => c.active);
  const rollups = await readRollups(
    sources.readModel.rollups,
    [unit, ...children.map((c) => c.code)],
    period,
    filter,
  );
  return {
    orgUnit: orgUnitRef(sources.directory, unit),
    period: periodMessage(period),
    total: figures(rollups.get(unit)),
    children: children.map((c) => ({
      orgUnit: orgUnitRef(sources.directory, c.code),
      name: c.name,
      figures: figures(rollups.get(c.code)),
    })),
    asOf: newestAsOf(rollups.values()),
  };
}
