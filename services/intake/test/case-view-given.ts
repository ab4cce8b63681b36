import { eventually } from '@mediation/testing';
import { currentLifeStatus } from '../src/case-view/domain/life-status';
import { CASE_TIMELINE_COLLECTION } from '../src/case-view/persistence/case-view.store';
import type { Harness } from './intake-harness';

/**
 * Sets fields of a case's view (`progress`) as a test's given state, once the view's consumer has
 * taken the case's opening (its timeline step is recorded after the case's progress): the consumer
 * then has nothing left to write over them. (The case comes with its view; the consumer writes
 * progress only where it has none, as after givenNoProgress.)
 */
export async function givenProgress(
  h: Harness,
  caseId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const cases = h.db.collection('cases');
  await eventually(
    async () =>
      (await h.db.collection(CASE_TIMELINE_COLLECTION).findOne({ caseId })) ? true : undefined,
    { timeoutMs: 30_000, what: `the case view's consumer to take ${caseId}` },
  );
  const projected = (await cases.findOne({
    _id: caseId as never,
    'progress.seq.intake': { $gte: 1 },
  }))!;
  const set: Record<string, unknown> = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [`progress.${k}`, v]),
  );
  // The life status the lists filter on, as the view's store writes it with the status.
  if (typeof fields.status === 'number')
    set.lifeStatus = currentLifeStatus(Number(projected.status), fields.status);
  await cases.updateOne({ _id: caseId as never }, { $set: set });
}

/** A case as before its first event is projected (or after a rebuild reset it): no view. */
export async function givenNoProgress(h: Harness, caseId: string): Promise<void> {
  await givenProgress(h, caseId, { rev: 1 });
  await h.db.collection('cases').updateOne({ _id: caseId as never }, { $unset: { progress: '' } });
}
