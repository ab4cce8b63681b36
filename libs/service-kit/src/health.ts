import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { Server } from '@grpc/grpc-js';

/**
 * A dependency the service cannot serve without (MongoDB, the Kafka producer, ...). A check that
 * has not answered within the health service's check timeout counts as failed.
 */
export type HealthCheck = () => Promise<boolean>;

/** How long one check may take before it counts as failed (a hung store must not look healthy). */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/**
 * Until it first reports SERVING, the checks run this often: a service that has just caught up
 * is put into rotation at once, not at the next regular check.
 */
export const HEALTH_STARTUP_INTERVAL_MS = 250;

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
  private servedOnce = false;
  private status: ServingStatus = 'NOT_SERVING';

  private checks: Record<string, HealthCheck> = {};

  constructor(
    private readonly serviceNames: string[],
    private readonly intervalMs = 5_000,
    private readonly checkTimeoutMs = HEALTH_CHECK_TIMEOUT_MS,
  ) {}

  /** What the overall status ("") and the named services report now. */
  get serving(): ServingStatus {
    return this.status;
  }

  addTo(server: Server): void {
    this.impl.addToServer(server as never);
  }

  /**
   * Evaluates the checks now, then every HEALTH_STARTUP_INTERVAL_MS until the service has been
   * SERVING once, then every `intervalMs` (each pass starts after the previous one ended).
   */
  async start(checks: Record<string, HealthCheck>): Promise<Record<string, boolean>> {
    this.checks = checks;
    const result = await this.evaluate();
    this.schedule();
    return result;
  }

  private schedule(): void {
    if (this.draining) return;
    const wait = this.servedOnce
      ? this.intervalMs
      : Math.min(this.intervalMs, HEALTH_STARTUP_INTERVAL_MS);
    this.timer = setTimeout(() => void this.evaluate().finally(() => this.schedule()), wait);
    this.timer.unref();
  }

  drain(): void {
    this.draining = true;
    if (this.timer) clearTimeout(this.timer);
    this.set('NOT_SERVING');
  }

  async evaluate(): Promise<Record<string, boolean>> {
    const entries = await Promise.all(
      Object.entries(this.checks).map(
        async ([name, check]) => [name, await withTimeout(check, this.checkTimeoutMs)] as const,
      ),
    );
    const healthy = entries.every(([, ok]) => ok);
    this.servedOnce ||= healthy;
    if (!this.draining) this.set(healthy ? 'SERVING' : 'NOT_SERVING');
    return Object.fromEntries(entries);
  }

  private set(status: ServingStatus): void {
    this.status = status;
    for (const name of ['', ...this.serviceNames]) this.impl.setStatus(name, status);
  }
}

/** The check's answer, or false if it throws or has not answered within `timeoutMs`. */
async function withTimeout(check: HealthCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    const answer = Promise.resolve()
      .then(check)
      .catch(() => false);
    return await Promise.race([answer, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
