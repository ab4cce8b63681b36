import { Metadata, status } from '@grpc/grpc-js';
import { commonV1, setPrincipal, statisticsV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import type { AggregateModel } from '@mediation/persistence';
import { CommandPipeline } from '@mediation/service-kit';
import { firstValueFrom } from 'rxjs';
import { AlertRepository } from './alerts/persistence/alert.repository';
import { ChangeNotifier } from './rollups/projection/change.notifier';
import type { ReadModelService, RebuildStatus } from './rollups/projection/read-model.service';
import { StatisticsController } from './statistics.controller';
import { refusal } from './refusal.fixtures';

const { Role } = commonV1;
const DISTRICT = '210202';
const MONTH = {
  granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_MONTH,
  key: '2026-03',
};

function metadataOf(roles: commonV1.Role[], orgUnitCode = ''): Metadata {
  const md = new Metadata();
  setPrincipal(md, commonV1.Principal.fromPartial({ subject: 'u1', roles, orgUnitCode }));
  return md;
}

const analyst = () => metadataOf([Role.ROLE_ANALYST]);
const rebuildRequest = (confirm: boolean) =>
  statisticsV1.RebuildRequest.fromPartial({ confirm, wait: true, reason: 'new counting rules' });

/** A controller over an empty read model: every refusal below happens before any read. */
function controller() {
  const rebuilds: boolean[] = [];
  const status: RebuildStatus = {
    rebuildId: 'r1',
    state: 'COMPLETED',
    startedAt: new Date('2026-03-01T00:00:00Z'),
    finishedAt: new Date('2026-03-01T00:01:00Z'),
    eventsApplied: 42,
    digest: 'abc',
  };
  const readModel = {
    rollups: { byIds: async () => [] },
    startRebuild: async (wait: boolean) => {
      rebuilds.push(wait);
      return status;
    },
  } as unknown as ReadModelService;
  const pipeline = new CommandPipeline({ backfillEnabled: false, clock: () => new Date() });
  const sources = { readModel, directory: orgDirectory() };
  const alerts = {} as AggregateModel;
  return {
    rebuilds,
    api: new StatisticsController(
      pipeline,
      sources,
      alerts,
      new ChangeNotifier(),
      readModel,
      new AlertRepository(alerts, 'alerts', () => undefined),
    ),
  };
}

describe('StatisticsController (through the command pipeline)', () => {
  it('answers a query for a unit the caller may read', async () => {
    const { api } = controller();
    const summary = await api.getSummary(
      { orgUnitCode: DISTRICT, period: MONTH, dimensions: [], filters: [] },
      analyst(),
    );
    expect(summary.orgUnit).toEqual({
      code: DISTRICT,
      level: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_DISTRICT,
    });
    expect(summary.total?.opened).toBe(0);
  });

  it('refuses a call without a principal as UNAUTHENTICATED', async () => {
    const { api } = controller();
    const refused = await refusal(
      api.drilldown({ orgUnitCode: DISTRICT, period: MONTH, filters: [] }, new Metadata()),
    );
    expect(refused.code).toBe(status.UNAUTHENTICATED);
  });

  it.each([
    [
      'a period of no granularity',
      { orgUnitCode: DISTRICT, period: { granularity: 0, key: '2026' }, filters: [] },
      [{ field: 'period.granularity', description: 'day, month or year' }],
    ],
    [
      'a period key of another granularity',
      { orgUnitCode: DISTRICT, period: { ...MONTH, key: '2026' }, filters: [] },
      [{ field: 'period.key', description: 'e.g. "2026-03-14", "2026-03" or "2026"' }],
    ],
    [
      'no org unit',
      { orgUnitCode: '', period: MONTH, filters: [] },
      [{ field: 'org_unit_code', description: 'required' }],
    ],
    [
      'two filters',
      {
        orgUnitCode: DISTRICT,
        period: MONTH,
        filters: [
          { dimension: statisticsV1.Dimension.DIMENSION_CATEGORY, key: 'A' },
          { dimension: statisticsV1.Dimension.DIMENSION_SOURCE, key: 'B' },
        ],
      },
      [{ field: 'filters', description: 'at most one filter' }],
    ],
  ])('refuses %s as INVALID_ARGUMENT naming the field', async (_what, request, fields) => {
    const { api } = controller();
    const refused = await refusal(api.drilldown(request, analyst()));
    expect(refused.code).toBe(status.INVALID_ARGUMENT);
    expect(refused.fields).toEqual(fields);
  });

  it('refuses an unknown metric, report kind, page token and a reversed range by their fields', async () => {
    const { api } = controller();
    const topN = await refusal(
      api.topN(
        { orgUnitCode: DISTRICT, period: MONTH, metric: 9999, limit: 5, ascending: false } as never,
        analyst(),
      ),
    );
    expect(topN.fields).toEqual([{ field: 'metric', description: 'unknown metric' }]);
    const report = await refusal(
      api.getReport({ orgUnitCode: DISTRICT, period: MONTH, kind: 0, format: 0 }, analyst()),
    );
    expect(report.fields).toEqual([{ field: 'kind', description: 'monthly or annual' }]);
    const alerts = await refusal(
      api.listAlerts(
        statisticsV1.ListAlertsRequest.fromPartial({
          orgUnitCode: DISTRICT,
          page: { pageSize: 10, pageToken: 'bm9wZQ' },
        }),
        analyst(),
      ),
    );
    expect(alerts.fields).toEqual([
      { field: 'page.page_token', description: 'not a token of this list' },
    ]);
    const series = await refusal(
      api.timeSeries(
        {
          orgUnitCode: DISTRICT,
          granularity: MONTH.granularity,
          fromKey: '2026-03',
          toKey: '2026-01',
          filters: [],
        },
        analyst(),
      ),
    );
    expect(series.fields).toEqual([{ field: 'to_key', description: 'before from_key' }]);
    for (const r of [topN, report, alerts, series]) expect(r.code).toBe(status.INVALID_ARGUMENT);
  });

  it('answers an unknown unit NOT_FOUND to analysts, PERMISSION_DENIED to staff', async () => {
    const { api } = controller();
    const request = { orgUnitCode: '210299999999', period: MONTH, byChild: false };
    expect(await refusal(api.flow(request, analyst()))).toMatchObject({
      code: status.NOT_FOUND,
      details: 'org unit 210299999999 not found',
    });
    const mediator = metadataOf([Role.ROLE_MEDIATOR], '210202002001');
    expect((await refusal(api.flow(request, mediator))).code).toBe(status.PERMISSION_DENIED);
  });

  it('keeps staff to their own subtree', async () => {
    const { api } = controller();
    const mediator = metadataOf([Role.ROLE_MEDIATOR], '210202002001');
    const outside = await refusal(
      api.drilldown({ orgUnitCode: '210203', period: MONTH, filters: [] }, mediator),
    );
    expect(outside).toMatchObject({ code: status.PERMISSION_DENIED, details: 'not permitted' });
  });

  it('ends a summary stream with the refusal a GetSummary would give', async () => {
    const { api } = controller();
    const stream = api.watchSummary(
      {
        orgUnitCode: DISTRICT,
        period: { ...MONTH, key: 'March' },
        dimensions: [],
        filters: [],
        minIntervalMs: 0,
      },
      analyst(),
    );
    const refused = await refusal(firstValueFrom(stream));
    expect(refused.code).toBe(status.INVALID_ARGUMENT);
    expect(refused.fields.map((f) => f.field)).toEqual(['period.key']);
  });

  it('lets only administrators and services rebuild, and only when confirmed', async () => {
    const { api, rebuilds } = controller();
    const byAnalyst = await refusal(api.rebuild(rebuildRequest(true), analyst()));
    expect(byAnalyst).toMatchObject({
      code: status.PERMISSION_DENIED,
      details: 'only administrators may rebuild statistics',
    });
    const admin = metadataOf([Role.ROLE_ADMINISTRATOR]);
    const unconfirmed = await refusal(api.rebuild(rebuildRequest(false), admin));
    expect(unconfirmed.code).toBe(status.INVALID_ARGUMENT);
    expect(unconfirmed.fields).toEqual([
      { field: 'confirm', description: 'must be true: the read model is replaced' },
    ]);
    expect(rebuilds).toEqual([]);
    const done = await api.rebuild(rebuildRequest(true), admin);
    expect(rebuilds).toEqual([true]);
    expect(done).toMatchObject({
      rebuildId: 'r1',
      state: statisticsV1.RebuildState.REBUILD_STATE_COMPLETED,
      eventsApplied: '42',
      rollupDigest: 'abc',
    });
  });
});
