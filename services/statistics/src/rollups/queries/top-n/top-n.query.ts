import { commonV1, type statisticsV1 } from '@mediation/contracts';
import type { OrgLevel } from '@mediation/org-directory';
import { InvalidInputError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { toFigureValues } from '../../domain/figures';
import { orgUnitRef } from '../../mapping/org-unit-ref';
import { authorizeUnit } from '../shared/unit-access';
import type { RollupSources } from '../shared/rollup-sources';
import { parseDimension, parsePeriod } from '../../mapping/request-parsing';
import { breakdownOf, readRollups } from '../shared/rollup.reader';
import { METRIC_VALUE } from './metric-values';

const LEVEL_OF: Partial<Record<commonV1.OrgUnitLevel, OrgLevel>> = {
  [commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_DISTRICT]: 'DISTRICT',
  [commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_STREET]: 'STREET',
  [commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_COMMUNITY]: 'COMMUNITY',
  [commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_REASONING_POINT]: 'POINT',
};

/** Ranks descendant units (or a dimension's keys) by one metric. Ties: code / key order. */
export async function topN(
  sources: RollupSources,
  request: statisticsV1.TopNRequest,
  call: RpcCall,
): Promise<statisticsV1.TopNResponse> {
  const unit = request.orgUnitCode;
  authorizeUnit(call.principal, unit, sources.directory);
  const period = parsePeriod(request.period);
  const value = METRIC_VALUE[request.metric];
  if (!value) throw new InvalidInputError('metric', 'unknown metric');
  const limit = Math.min(100, request.limit > 0 ? request.limit : 10);
  const sign = request.ascending ? 1 : -1;
  const rank = <T extends { value: number; tie: string }>(rows: T[]) =>
    rows.sort((a, b) => sign * (a.value - b.value) || a.tie.localeCompare(b.tie)).slice(0, limit);

  if (request.dimension) {
    const dimension = parseDimension(request.dimension, 'dimension');
    const own = (await readRollups(sources.readModel.rollups, [unit], period)).get(unit);
    const rows = breakdownOf(own?.doc, dimension).map((r) => ({
      key: r.key,
      value: value(toFigureValues(r.counters, 0)),
      tie: r.key,
    }));
    return {
      metric: request.metric,
      entries: rank(rows).map((r) => ({
        key: r.key,
        value: r.value,
        name: '',
        orgUnit: null,
      })),
    };
  }
  let units = sources.directory.children(unit);
  if (request.level) {
    const level = LEVEL_OF[request.level];
    if (!level) throw new InvalidInputError('level', 'a level below the city');
    units = sources.directory.descendants(unit).filter((u) => u.level === level);
  }
  units = units.filter((u) => u.active);
  const rollups = await readRollups(
    sources.readModel.rollups,
    units.map((u) => u.code),
    period,
  );
  const rows = units.map((u) => {
    const r = rollups.get(u.code);
    return {
      unit: u,
      value: value(toFigureValues(r?.counters ?? {}, r?.openBacklog ?? 0)),
      tie: u.code,
    };
  });
  return {
    metric: request.metric,
    entries: rank(rows).map((r) => ({
      orgUnit: orgUnitRef(sources.directory, r.unit.code),
      name: r.unit.name,
      key: '',
      value: r.value,
    })),
  };
}
