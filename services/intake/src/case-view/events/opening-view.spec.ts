import { EVENT_TYPES, intakeV1, toTimestamp } from '@mediation/contracts';
import { toOutboxEntries } from '@mediation/persistence';
import { CaseEvents } from '../../case/events/case-events';
import { applyFact } from '../domain/case-progress.reducer';
import { LIFE_STATUS } from '../domain/life-status';
import { toCaseViewStep } from './case-view-event.mapper';
import { openingView } from './opening-view';

const caseId = '0b5c7a4e-1f2d-4c3b-8a9e-000000000001';
const at = new Date('2026-03-02T01:00:00Z');
const events = new CaseEvents('intake.events.v1');
const opened = (referralId = '') =>
  toOutboxEntries(
    [
      events.event(
        EVENT_TYPES.CaseOpened.type,
        intakeV1.CaseOpened.fromPartial({
          caseId,
          caseNumber: '（2026）中山调字第00042号',
          registeredAt: toTimestamp(at),
          referralId,
        }),
        { caseId, orgUnitCode: '210202', occurredAt: at },
      ),
    ],
    0,
  );
const REGISTERED = 1; // intake's own status of a new case

describe('openingView', () => {
  it('is the view the consumer makes of the opening events, in the generation consumed', () => {
    const recorded = opened();
    const view = openingView(caseId, 3, REGISTERED, recorded);
    const step = toCaseViewStep({
      ...recorded[0],
      source: '/intake',
      aggregateType: 'intake.case',
      aggregateId: caseId,
    })!;
    expect(view).toEqual({
      progress: applyFact(null, 3, 1, step.fact),
      lifeStatus: LIFE_STATUS.REGISTERED,
    });
    expect(view).toMatchObject({ progress: { gen: 3, rev: 1, seq: { intake: 1 } } });
    // The consumer then finds the event applied and writes nothing.
    expect(applyFact('progress' in view ? view.progress : null, 3, 1, step.fact)).toBeNull();
  });

  it('shows a case entrusted by an institution as entrusted in from its first moment', () => {
    expect(openingView(caseId, 1, REGISTERED, opened('referral-7'))).toMatchObject({
      lifeStatus: LIFE_STATUS.ENTRUSTED_IN,
      progress: { status: LIFE_STATUS.ENTRUSTED_IN },
    });
  });

  it('writes nothing before the projection knows its generation', () => {
    expect(openingView(caseId, undefined, REGISTERED, opened())).toEqual({});
  });
});
