import { encodePayload, getEventType, type EventType } from '@mediation/contracts';
import type { NewEvent } from '@mediation/persistence';
import type { Actor, DomainEvent, MediationState } from '../domain';
import { actorRef, toWire } from '../mapping/domain-to-wire';

/**
 * A domain event as a registry event for the outbox: the contract message with its context
 * (which mediation, the handler after the step, who acted). The topic is configurable so that
 * test runs keep to their own topics.
 */
export function toNewEvent(
  event: DomainEvent,
  state: MediationState,
  actor: Actor,
  topic: string,
  occurredAt: Date,
): NewEvent {
  const type = `mediation.mediation.v1.${event.name}` as EventType;
  const definition = getEventType(type) as unknown as { create(partial: unknown): unknown };
  const payload = definition.create({
    ...(toWire(event.data) as object),
    context: {
      mediationId: state.mediationId,
      caseId: state.caseId,
      committee: state.committee,
      actor: actorRef(actor),
    },
  });
  return {
    eventType: type,
    topic,
    payload: encodePayload(type, payload as never),
    caseId: state.caseId,
    orgUnitCode: state.orgUnit.code,
    occurredAt,
  };
}
