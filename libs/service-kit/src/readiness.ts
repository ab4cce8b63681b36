import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { HealthCheck } from './health';

/**
 * Something the service is not ready without, beyond its store: an event consumer that has not
 * yet applied what was waiting for it when it joined. Any provider of the app with these two
 * members holds the service's readiness (startPlatformService finds them); nothing else needs
 * wiring.
 */
export interface ReadinessGate {
  /** Its name among the health checks in the logs, e.g. "consumer:mediation". */
  readonly readinessName: string;
  isReady(): boolean;
}

export function isReadinessGate(value: unknown): value is ReadinessGate {
  const gate = value as Partial<ReadinessGate> | null | undefined;
  return typeof gate?.readinessName === 'string' && typeof gate.isReady === 'function';
}

/** Every provider instance of the app that is a readiness gate, once each. */
export function readinessGates(app: INestApplicationContext): ReadinessGate[] {
  const found = new Set<ReadinessGate>();
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.providers.values())
      if (isReadinessGate(wrapper.instance)) found.add(wrapper.instance);
  return [...found];
}

/**
 * A readiness that stays once reached: the returned check answers true from the first time
 * `check` does on, so that a later rebuild or rebalance does not take the service out of rotation.
 */
export function latched(check: () => boolean): () => boolean {
  let reached = false;
  return () => (reached ||= check());
}

/** The gates as health checks, by name. */
export function readinessChecks(gates: ReadinessGate[]): Record<string, HealthCheck> {
  return Object.fromEntries(
    gates.map((gate) => [gate.readinessName, () => Promise.resolve(gate.isReady())] as const),
  );
}
