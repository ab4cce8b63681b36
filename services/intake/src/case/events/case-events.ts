import { newEvent, type NewEvent } from '@mediation/persistence';
import type { EventPayload, EventType } from '@mediation/contracts';

/**
 * Builds intake's events on the configured topic (the registry's topic unless a test or an
 * environment overrides INTAKE_EVENTS_TOPIC). Partitioning is by aggregate id = case id.
 */
export class CaseEvents {
  constructor(private readonly topic: string) {}

  event<T extends EventType>(
    type: T,
    payload: EventPayload<T>,
    fields: { caseId: string; orgUnitCode: string; correlationId?: string; occurredAt?: Date },
  ): NewEvent {
    return { ...newEvent(type, payload, fields), topic: this.topic };
  }
}
