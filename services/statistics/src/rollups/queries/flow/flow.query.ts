import type { Metadata } from '@grpc/grpc-js';
import { commonV1, statisticsV1 } from '@mediation/contracts';
import { C, flowCounter, parseEscalationEdge, type Counters } from '../../domain/counters';
import { authorizeUnit, orgUnitRef } from '../shared/query-access';
import type { QueryContext } from '../shared/query-context';
import { parsePeriod, periodMessage } from '../shared/request-parsing';
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
  ctx: QueryContext,
  request: statisticsV1.FlowRequest,
  metadata: Metadata,
): Promise<statisticsV1.FlowResponse> {
  const unit = request.orgUnitCode;
  authorizeUnit(metadata, unit, ctx.directory);
  const period = parsePeriod(request.period);
  const children = request.byChild ? ctx.directory.children(unit).filter((c) => c.active) : [];
  const rollups = await readRollups(
    ctx.readModel.rollups,
    [unit, ...children.map((c) => c.code)],
    period,
  );
  const slice = (code: string, name: string) =>
    flowSlice(orgUnitRef(ctx.directory, code), name, rollups.get(code)?.counters ?? {});
  return {
    period: periodMessage(period),
    total: slice(unit, ctx.directory.unit(unit).name),
    children: children.map((c) => slice(c.code, c.name)),
  };
}
