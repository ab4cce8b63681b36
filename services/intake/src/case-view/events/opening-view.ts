import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import { busEventOf, type OutboxEntry } from '@mediation/persistence';
import { applyFact } from '../domain/case-progress.reducer';
import type { CaseProgressState } from '../domain/case-progress';
import { currentLifeStatus } from '../domain/life-status';
import { toCaseViewStep } from './case-view-event.mapper';

const PRODUCER = { source: EVENT_SOURCES.intake, aggregateType: AGGREGATE_TYPES.case };

/**
 * A new case's view as the case view's consumer makes it from the case's opening events, for
 * OpenCase to write in the case's insert (CaseRepository.create). The consumer then finds those
 * events applied (by their sequences) and rewrites nothing: one write of the whole case less per
 * new case, and the lists show its life status at once. Only in the generation the projection
 * consumes (`gen`, undefined before its first poll: the consumer writes it then); a rebuild's
 * replay writes its own generation over it.
 */
export function openingView(
  caseId: string,
  gen: number | undefined,
  intakeStatus: number,
  recorded: readonly OutboxEntry[],
): { progress: CaseProgressState; lifeStatus: number } | Record<string, never> {
  if (gen === undefined) return {};
  let progress: CaseProgressState | null = null;
  for (const entry of recorded) {
    const step = toCaseViewStep(busEventOf(caseId, entry, PRODUCER));
    if (step) progress = applyFact(progress, gen, step.sequence, step.fact) ?? progress;
  }
  return progress ? { progress, lifeStatus: currentLifeStatus(intakeStatus, progress.status) } : {};
}
