import type { Actor, MediationState, PartyRef } from './mediation.types';
import type { StepContext, StepResult } from './mediation.step';

/** What intake may correct about a case before acceptance, as the mediation keeps it. */
export interface AmendedCaseFacts {
  orgUnit: { code: string; level: number };
  category: number;
  parties: PartyRef[];
  riskLevel: number;
  /** The fields intake changed, in words of both languages (for the timeline). */
  changedFields: { zh: string; en: string };
}

/**
 * A case corrected at intake (CaseAmended): while the mediation awaits acceptance, its copy of
 * the case's facts is replaced by the corrected ones, with a timeline step (no event: the fact is
 * intake's). After acceptance intake refuses amendments; one that still arrives (it was made
 * within the case view's lag of the acceptance) is ignored: null. The handler stays: moving the
 * case elsewhere is a transfer, not a correction.
 */
export function applyCaseAmendment(
  current: MediationState,
  facts: AmendedCaseFacts,
  actor: Actor,
  ctx: Pick<StepContext, 'now'>,
  lastSequence: number,
): StepResult | null {
  if (current.status !== 'PENDING_ACCEPTANCE') return null;
  const state = structuredClone(current);
  state.orgUnit = { ...facts.orgUnit };
  state.category = facts.category;
  state.parties = facts.parties.map((p) => ({ ...p }));
  state.riskLevel = facts.riskLevel;
  const fields = facts.changedFields;
  state.timeline.push({
    // No event of its own: the step sits after the mediation's last one.
    sequence: lastSequence,
    eventType: 'mediation.intake.v1.CaseAmended',
    occurredAt: ctx.now,
    actor,
    committee: current.committee,
    summary: `Case details corrected at intake (${fields.en})`,
    summaryZh: `登记信息更正（${fields.zh}）`,
  });
  return { state, events: [] };
}
