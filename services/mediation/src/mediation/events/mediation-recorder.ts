import type { NewEvent } from '@mediation/persistence';
import type { Actor, MediationState, StepResult } from '../domain';
import { toNewEvent } from './mediation-event.mapper';
import { timelineText, type NameOf } from './timeline-text';

/** A step as it is written: the new state with its timeline entries, and the outbox events. */
export interface RecordedStep {
  state: MediationState;
  events: NewEvent[];
}

/**
 * Turns a domain step into what one write stores: the new state, its timeline entries (numbered
 * with the events' sequence numbers) and the events for the outbox. The repository records every
 * step with it: commands, the consumers and the deadline poller alike.
 */
export class MediationRecorder {
  constructor(
    private readonly topic: string,
    private readonly nameOf: NameOf,
  ) {}

  /**
   * `before` is the mediation the step starts from (for a new one, the step's own state): its
   * last sequence numbers on, and a step no event places elsewhere was taken at the handler that
   * held the case before it (matters for escalations).
   */
  record(
    step: StepResult<unknown>,
    before: { lastSequence: number; state: MediationState },
    actor: Actor,
    at: Date,
  ): RecordedStep {
    const state = step.state;
    step.events.forEach((e, i) => {
      const text = timelineText(e, state, this.nameOf);
      state.timeline.push({
        sequence: before.lastSequence + i + 1,
        eventType: `mediation.mediation.v1.${e.name}`,
        occurredAt: at,
        actor,
        committee: e.takenAt ?? before.state.committee,
        summary: text.en,
        summaryZh: text.zh,
      });
    });
    return { state, events: step.events.map((e) => toNewEvent(e, state, actor, this.topic, at)) };
  }
}

/** The service itself (timers, consumers): an empty subject, as the contract says. */
export const SYSTEM_ACTOR: Actor = { subject: '', role: 0, orgUnitCode: '', displayName: 'system' };
