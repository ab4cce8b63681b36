import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { statisticsV1 } from '@mediation/contracts';
import type { AggregateModel } from '@mediation/persistence';
import { CommandPipeline } from '@mediation/service-kit';
import { acknowledgeAlert } from './alerts/commands/acknowledge-alert/acknowledge-alert.command';
import { AlertRepository } from './alerts/persistence/alert.repository';
import { listAlerts } from './alerts/queries/list-alerts/list-alerts.query';
import { rebuild } from './rollups/commands/rebuild/rebuild.command';
import { ChangeNotifier } from './rollups/projection/change.notifier';
import { ReadModelService } from './rollups/projection/read-model.service';
import { drilldown } from './rollups/queries/drilldown/drilldown.query';
import { flow } from './rollups/queries/flow/flow.query';
import { getReport } from './rollups/queries/get-report/get-report.query';
import { getSummary } from './rollups/queries/get-summary/get-summary.query';
import type { RollupSources } from './rollups/queries/shared/rollup-sources';
import { timeSeries } from './rollups/queries/time-series/time-series.query';
import { topN } from './rollups/queries/top-n/top-n.query';
import { watchSummary } from './rollups/queries/watch-summary/watch-summary.query';
import { ALERT_MODEL, ROLLUP_SOURCES } from './statistics.tokens';

/**
 * StatisticsService over gRPC: every query through `pipeline.query`, Rebuild through `command`,
 * AcknowledgeAlert through `commandOn` against the alerts.
 */
@Controller()
@statisticsV1.StatisticsServiceControllerMethods()
export class StatisticsController implements statisticsV1.StatisticsServiceController {
  constructor(
    @Inject(CommandPipeline) private readonly pipeline: CommandPipeline,
    @Inject(ROLLUP_SOURCES) private readonly sources: RollupSources,
    @Inject(ALERT_MODEL) private readonly alerts: AggregateModel,
    @Inject(ChangeNotifier) private readonly notifier: ChangeNotifier,
    @Inject(ReadModelService) private readonly readModel: ReadModelService,
    @Inject(AlertRepository) private readonly alertRepository: AlertRepository,
  ) {}

  getSummary(request: statisticsV1.GetSummaryRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) => getSummary(this.sources, request, call));
  }

  drilldown(request: statisticsV1.DrilldownRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) => drilldown(this.sources, request, call));
  }

  timeSeries(request: statisticsV1.TimeSeriesRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) => timeSeries(this.sources, request, call));
  }

  topN(request: statisticsV1.TopNRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) => topN(this.sources, request, call));
  }

  flow(request: statisticsV1.FlowRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) => flow(this.sources, request, call));
  }

  listAlerts(request: statisticsV1.ListAlertsRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) =>
      listAlerts(this.alerts, this.sources.directory, request, call),
    );
  }

  acknowledgeAlert(request: statisticsV1.AcknowledgeAlertRequest, metadata: Metadata) {
    return this.pipeline.commandOn(
      this.alertRepository,
      acknowledgeAlert(this.sources.directory),
      request.alertId,
      request,
      metadata,
    );
  }

  getReport(request: statisticsV1.GetReportRequest, metadata: Metadata) {
    return this.pipeline.query(metadata, (call) => getReport(this.sources, request, call));
  }

  /** A stream of summaries: each one is a GetSummary of its own, through the pipeline. */
  watchSummary(request: statisticsV1.WatchSummaryRequest, metadata: Metadata) {
    return watchSummary(this.notifier, request, (summary) => this.getSummary(summary, metadata));
  }

  rebuild(request: statisticsV1.RebuildRequest, metadata: Metadata) {
    return this.pipeline.command(metadata, (call) => rebuild(this.readModel, request, call));
  }
}
