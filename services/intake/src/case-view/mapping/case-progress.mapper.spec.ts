import { intakeV1 } from '@mediation/contracts';
import { applyFact, emptyProgress } from '../domain/case-progress.reducer';
import { LIFE_STATUS } from '../domain/life-status';
import { caseProgressView, lifeStatusOf } from './case-progress.mapper';

const at = new Date('2026-01-01T00:00:00Z');
const accepted = applyFact(emptyProgress(1), 1, 2, {
  source: 'mediation',
  at,
  eventType: 'mediation.mediation.v1.MediationAccepted',
  committee: { code: 'MC-C', orgUnitCode: 'C', level: 4 },
  kind: 'accepted',
  termDueAt: new Date('2026-01-31T00:00:00Z'),
})!;

describe('the case view on the wire', () => {
  it('shows the life status, intake’s own before the view and a withdrawal at once', () => {
    expect(lifeStatusOf(LIFE_STATUS.REGISTERED, null)).toBe(LIFE_STATUS.REGISTERED);
    expect(lifeStatusOf(LIFE_STATUS.REGISTERED, accepted)).toBe(LIFE_STATUS.ACCEPTED);
    expect(lifeStatusOf(LIFE_STATUS.WITHDRAWN, accepted)).toBe(LIFE_STATUS.WITHDRAWN);
  });

  it('shows the life status stored with the case, the one the lists filter on', () => {
    // A rebuild has dropped the view; the case keeps its last life status until the replay.
    expect(lifeStatusOf(LIFE_STATUS.REGISTERED, null, LIFE_STATUS.CLOSED)).toBe(LIFE_STATUS.CLOSED);
    expect(lifeStatusOf(LIFE_STATUS.REGISTERED, accepted, LIFE_STATUS.ACCEPTED)).toBe(
      LIFE_STATUS.ACCEPTED,
    );
  });

  it('decides `overdue` when read', () => {
    const before = caseProgressView(accepted, new Date('2026-01-30T00:00:00Z'))!;
    const after = caseProgressView(accepted, new Date('2026-02-01T00:00:00Z'))!;
    expect(before).toMatchObject({
      holder: { code: 'MC-C' },
      nextDeadlineKind: intakeV1.DeadlineKind.DEADLINE_KIND_MEDIATION_TERM,
      overdue: false,
    });
    expect(after.overdue).toBe(true);
    expect(caseProgressView(null, at)).toBeUndefined();
  });
});
