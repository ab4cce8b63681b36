import { commonV1, statisticsV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { C, flowCounter, parseEscalationEdge, type Counters } from '../../domain/counters';
import { orgUnitRef } from '../../mapping/org-unit-ref';
import { authorizeUnit } from '../shared/unit-access';
import type { RollupSources } from '../shared/rollup-sources';
import { parsePeriod, periodMessage } from '../../mapping/request-parsing';
import { readRollups } from '../shared/rollup.reader';

const D = statisticsV1.FlowDestination;
/** Settled destinations as the projection names them (flowCounter). */
const SETTLED: Array<[string, statisticsV1.FlowDestination]> = [
  ['ON_THE_SPOT', D.FLOW_DESTINATION_ON_THE_SPOT],
  ['COMMUNITY', D.FLOW_DESTINATION_COMMUNITY],
  ['STREET', D.FLOW_DESTINATION_STREET],
  ['DISTRICT', D.FLOW_DESTINATION_DISTRICT],
  ['CITY', D.FLOW_DESTINATION_CITY],
  ['INDUSTRY', D.FLOW_DESTINATION_INDUSTRY],
  ['REFERRED_OUT', D.FLOW_DESTINATION_REFERRED_OUT],
  ['FAILED', D.FLOW_DESTINATION_FAILED],
  ['WITHDRAWN', D.FLOW_DESTINATION_WITHDRAWN],
];

const levelValue = (short: string) =>
  (commonV1.HandlingLevel as unknown as Record<string, number>)[`HANDLING_LEVEL_${short}`] ?? 0;

/**
 * Where the disputes that surfaced at reasoning points in a subtree went: counted when the
 * dispute surfaced (surfaced_at_points) and when it was first settled (destinations), each in
 * the period it happened; STILL_OPEN is the difference within the period.
 */
export function flowSlice(
  orgUnit: commonV1.OrgUnitRef,
  name: string,
  counters: Counters,
): statisticsV1.FlowSlice {
  const surfaced = counters[C.surfacedAtPoints] ?? 0;
  const destinations = SETTLED.map(([key, destination]) => ({
    destination,
    cases: counters[flowCounter(key)] ?? 0,
  }));
  const settled = destinations.reduce((a, d) => a + d.cases, 0);
  destinations.push({
    destination: D.FLOW_DESTINATION_STILL_OPEN,
    cases: Math.max(0, surfaced - settled),
  });
  const escalations = Object.entries(counters)
    .map(([k, cases]) => ({ edge: parseEscalationEdge(k), cases }))
    .filter((e) => e.edge && e.cases !== 0)
    .sort((a, b) => `${a.edge?.from}${a.edge?.to}`.localeCompare(`${b.edge?.from}${b.edge?.to}`))
    .map((e) => ({
      fromLevel: levelValue(e.edge?.from ?? ''),
      toLevel: levelValue(e.edge?.to ?? ''),
      cases: e.cases,
    }));
  return { orgUnit, name, surfacedAtPoints: surfaced, destinations, escalations };
}

export async function flow(
  sources: RollupSources,
  request: statisticsV1.FlowRequest,
  call: RpcCall,
): Promise<statisticsV1.FlowResponse> {
  const unit = request.orgUnitCode;
  authorizeUnit(call.principal, unit, sources.directory);
  const period = parsePeriod(request.period);
  const children = request.byChild ? sources.directory.children(unit).filter((c) => c.active) : [];
  const rollups = await readRollups(
    sources.readModel.rollups,
    [unit, ...children.map((c) => c.code)],
    period,
  );
  const slice = (code: string, name: string) =>
    flowSlice(orgUnitRef(sources.directory, code), name, rollups.get(code)?.counters ?? {});
  return {
    period: periodMessage(period),
    total: slice(unit, sources.directory.unit(unit).name),
    children: children.map((c) => slice(c.code, c.name)),
  };
}
