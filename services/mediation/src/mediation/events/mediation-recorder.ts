import type { Loaded, SaveResult } from '@mediation/persistence';
import type { Actor, MediationState, StepResult } from '../domain';
import type { MediationDocument, PartyAsWritten } from '../persistence/mediation.document';
import type { MediationRepository } from '../persistence/mediation.repository';
import { toNewEvent } from './mediation-event.mapper';
import { timelineText, type NameOf } from './timeline-text';

/**
 * Turns a domain step into one saved write: the new state, its timeline entries (numbered with
 * the events' sequence numbers) and the events for the outbox. Used by commands, the CaseOpened
 * consumer and the deadline poller alike.
 */
export class MediationRecorder {
  constructor(
    private readonly repository: MediationRepository,
    private readonly topic: string,
    private readonly nameOf: NameOf,
  ) {}

  create(result: StepResult, actor: Actor, now: Date): Promise<Loaded<MediationDocument>> {
    const state = this.withTimeline(result, 0, actor, now, result.state.committee);
    return this.repository.create(state, this.events(result, state, actor, now));
  }

  save(
    loaded: Loaded<MediationDocument>,
    result: StepResult<unknown>,
    actor: Actor,
    now: Date,
    agreementParties?: PartyAsWritten[],
  ): Promise<SaveResult & { state: MediationState }> {
    // The step was taken at the level that held the case before it (matters for escalations).
    const state = this.withTimeline(
      result,
      loaded.lastSequence,
      actor,
      now,
      loaded.state.committee,
    );
    return this.repository
      .save(loaded, state, this.events(result, state, actor, now), agreementParties)
      .then((saved) => ({ ...saved, state }));
  }

  private events(result: StepResult<unknown>, state: MediationState, actor: Actor, now: Date) {
    return result.events.map((e) => toNewEvent(e, state, actor, this.topic, now));
  }

  private withTimeline(
    result: StepResult<unknown>,
    lastSequence: number,
    actor: Actor,
    now: Date,
    committee: MediationState['committee'],
  ): MediationState {
    const state = result.state;
    result.events.forEach((e, i) => {
      const text = timelineText(e, state, this.nameOf);
      state.timeline.push({
        sequence: lastSequence + i + 1,
        eventType: `mediation.mediation.v1.${e.name}`,
        occurredAt: now,
        actor,
        committee: e.takenAt ?? committee,
        summary: text.en,
        summaryZh: text.zh,
      });
    });
    return state;
  }
}

/** The service itself (timers, consumers): an empty subject, as the contract says. */
export const SYSTEM_ACTOR: Actor = { subject: '', role: 0, orgUnitCode: '', displayName: 'system' };
