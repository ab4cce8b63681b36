import type { NextFunction, Request, Response } from 'express';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * Prometheus text exposition of the gateway's HTTP traffic, served on the HTTP port at /metrics
 * (the pods are scraped there; the gRPC services use the OpenTelemetry exporter on a port of
 * their own). Labels use the route pattern, never the raw path, so ids do not explode the series.
 */
export class HttpMetrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private openStreams = 0;

  middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.observe(req.method, String(route), res.statusCode, seconds);
    });
    next();
  };

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escape(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = `method="${method}",route="${escape(route)}"`;
    const h = this.durations.get(hKey) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i] += 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.durations.set(hKey, h);
  }

  streamOpened(): void {
    this.openStreams += 1;
  }

  streamClosed(): void {
    this.openStreams -= 1;
  }

  render(): string {
    const lines = [
      '# HELP gateway_http_requests_total HTTP requests by route and status.',
      '# TYPE gateway_http_requests_total counter',
      ...[...this.requests].map(([k, v]) => `gateway_http_requests_total{${k}} ${v}`),
      '# HELP gateway_http_request_duration_seconds HTTP request duration.',
      '# TYPE gateway_http_request_duration_seconds histogram',
    ];
    for (const [k, h] of this.durations) {
      BUCKETS.forEach((b, i) =>
        lines.push(`gateway_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.buckets[i]}`),
      );
      lines.push(`gateway_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      lines.push(`gateway_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      lines.push(`gateway_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    lines.push(
      '# HELP gateway_sse_open_streams Server-sent event streams currently open.',
      '# TYPE gateway_sse_open_streams gauge',
      `gateway_sse_open_streams ${this.openStreams}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
    );
    return lines.join('\n') + '\n';
  }
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
