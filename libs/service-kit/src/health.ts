import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { Server } from '@grpc/grpc-js';

/** A dependency the service cannot serve without (MongoDB, the Kafka producer, ...). */
export type HealthCheck = () => Promise<boolean>;

/** Health name that only says the process is alive and serving calls (liveness probes). */
export const LIVENESS_SERVICE = 'liveness';

/**
 * The standard grpc.health.v1 service (what Kubernetes' native gRPC probes call). The overall
 * status ("") and each named service are SERVING only while every check passes (readiness);
 * shutting down turns them NOT_SERVING first so load balancers stop sending work. "liveness" stays
 * SERVING as long as the process answers, so an outage of MongoDB takes pods out of rotation
 * without restarting them all.
 */
export class ServiceHealth {
  private readonly impl = new HealthImplementation({
    '': 'NOT_SERVING',
    [LIVENESS_SERVICE]: 'SERVING',
  });
  private timer: NodeJS.Timeout | undefined;
  private draining = false;

  private checks: Record<string, HealthCheck> = {};

  constructor(
    private readonly serviceNames: string[],
    private readonly intervalMs = 5_000,
  ) {}

  addTo(server: Server): void {
    this.impl.addToServer(server as never);
  }

  /** Evaluates the checks now and every `intervalMs`. */
  async start(checks: Record<string, HealthCheck>): Promise<Record<string, boolean>> {
    this.checks = checks;
    const result = await this.evaluate();
    this.timer = setInterval(() => void this.evaluate(), this.intervalMs);
    this.timer.unref();
    return result;
  }

  drain(): void {
    this.draining = true;
    if (this.timer) clearInterval(this.timer);
    this.set('NOT_SERVING');
  }

  async evaluate(): Promise<Record<string, boolean>> {
    const entries = await Promise.all(
      Object.entries(this.checks).map(
        async ([name, check]) => [name, await check().catch(() => false)] as const,
      ),
    );
    const healthy = entries.every(([, ok]) => ok);
    if (!this.draining) this.set(healthy ? 'SERVING' : 'NOT_SERVING');
    return Object.fromEntries(entries);
  }

  private set(status: ServingStatus): void {
    for (const name of ['', ...this.serviceNames]) this.impl.setStatus(name, status);
  }
}
