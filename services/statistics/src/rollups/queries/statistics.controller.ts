import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { statisticsV1 } from '@mediation/contracts';
import type { AggregateModel } from '@mediation/persistence';
import type { Observable } from 'rxjs';
import { ChangeNotifier } from '../projection/change.notifier';
import { ReadModelService } from '../projection/read-model.service';
import { drilldown } from './drilldown/drilldown.query';
import { flow } from './flow/flow.query';
import { getReport } from './get-report/get-report.query';
import { getSummary } from './get-summary/get-summary.query';
import { listAlerts } from './list-alerts/list-alerts.query';
import { rebuild } from './rebuild/rebuild.command';
import type { QueryContext } from './shared/query-context';
import { timeSeries } from './time-series/time-series.query';
import { topN } from './top-n/top-n.query';
import { watchSummary } from './watch-summary/watch-summary.query';
import { ALERT_MODEL, QUERY_CONTEXT } from '../../statistics.tokens';

type S = typeof statisticsV1;
type Req<K extends keyof S> = S[K] extends { decode(i: Uint8Array): infer M } ? M : never;

/** The gRPC face of StatisticsService: each method is one query slice. */
@Controller()
@statisticsV1.StatisticsServiceControllerMethods()
export class StatisticsController implements statisticsV1.StatisticsServiceController {
  constructor(
    @Inject(QUERY_CONTEXT) private readonly ctx: QueryContext,
    @Inject(ChangeNotifier) private readonly notifier: ChangeNotifier,
    @Inject(ReadModelService) private readonly readModel: ReadModelService,
    @Inject(ALERT_MODEL) private readonly alerts: AggregateModel,
  ) {}

  getSummary(request: Req<'GetSummaryRequest'>, metadata: Metadata) {
    return getSummary(this.ctx, request, metadata);
  }

  drilldown(request: Req<'DrilldownRequest'>, metadata: Metadata) {
    return drilldown(this.ctx, request, metadata);
  }

  timeSeries(request: Req<'TimeSeriesRequest'>, metadata: Metadata) {
    return timeSeries(this.ctx, request, metadata);
  }

  topN(request: Req<'TopNRequest'>, metadata: Metadata) {
    return topN(this.ctx, request, metadata);
  }

  flow(request: Req<'FlowRequest'>, metadata: Metadata) {
    return flow(this.ctx, request, metadata);
  }

  listAlerts(request: Req<'ListAlertsRequest'>, metadata: Metadata) {
    return listAlerts(this.ctx, this.alerts, request, metadata);
  }

  getReport(request: Req<'GetReportRequest'>, metadata: Metadata) {
    return getReport(this.ctx, request, metadata);
  }

  watchSummary(
    request: Req<'WatchSummaryRequest'>,
    metadata: Metadata,
  ): Observable<statisticsV1.WatchSummaryResponse> {
    return watchSummary(this.ctx, this.notifier, request, metadata);
  }

  rebuild(request: Req<'RebuildRequest'>, metadata: Metadata) {
    return rebuild(this.readModel, request, metadata);
  }
}
