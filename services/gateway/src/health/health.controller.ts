import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthProbe } from '../grpc/health-probe';
import { HttpMetrics } from '../metrics/http-metrics';

/** Liveness and readiness: no token, no rate limit (probes call often). */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(HealthProbe) private readonly probe: HealthProbe) {}

  /** Alive as long as the event loop answers; never depends on the backends (no restart storms). */
  @Get('healthz')
  healthz() {
    return { status: 'ok' };
  }

  /** Ready when every backend reports SERVING on grpc.health.v1. */
  @Get('readyz')
  async readyz(@Res() res: Response) {
    const services = await this.probe.check();
    const ready = Object.values(services).every((s) => s === 'SERVING');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', services });
  }
}

/** /metrics on the HTTP port, while the gateway has no METRICS_PORT of its own (development). */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(@Inject(HttpMetrics) private readonly metrics: HttpMetrics) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  renderMetrics() {
    return this.metrics.render();
  }
}
