import type {
  BeforeApplicationShutdown,
  InjectionToken,
  OnApplicationBootstrap,
  Provider,
} from '@nestjs/common';

/** A loop a service runs beside its API: an outbox relay, a deadline or SLA poller. */
export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Starts a service's background workers once the app is up and stops them (last started, first
 * stopped) before the infrastructure closes Mongo and Kafka: beforeApplicationShutdown runs ahead
 * of every onApplicationShutdown, so a pass in flight finishes on open connections.
 */
export class BackgroundWork implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly workers: BackgroundWorker[]) {}

  onApplicationBootstrap(): void {
    for (const worker of this.workers) worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const worker of [...this.workers].reverse()) await worker.stop();
  }
}

/** The module's one BackgroundWork, over the workers provided under these tokens. */
export function backgroundWork(...workers: InjectionToken[]): Provider {
  return {
    provide: BackgroundWork,
    inject: workers,
    useFactory: (...instances: BackgroundWorker[]) => new BackgroundWork(instances),
  };
}
