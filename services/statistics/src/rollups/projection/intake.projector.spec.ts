import {
  getEventType,
  type DecodedEvent,
  type EventPayload,
  type EventType,
  type PartialMessage,
} from '@mediation/contracts';
import { projectIntake } from './intake.projector';

function ev<T extends EventType>(type: T, payload: PartialMessage<EventPayload<T>>): DecodedEvent {
  return {
    type,
    envelope: {} as never,
    payload: getEventType(type).create(payload as never),
  } as DecodedEvent;
}

describe('projectIntake', () => {
  const opened = projectIntake(
    ev('mediation.intake.v1.CaseOpened', {
      facts: {
        orgUnit: { code: 'p1', level: 5 },
        category: 2,
        channel: 2,
        peopleInvolved: 3,
        amountInvolved: { currencyCode: '', amountFen: '500' },
      },
    }),
    undefined,
    1000,
    '',
  );

  it('counts the opening with its facts', () => {
    expect(opened?.openedCase).toBe(true);
    expect(opened?.contributions[0]).toMatchObject({
      orgUnitCode: 'p1',
      atMs: 1000,
      keys: { category: 'DISPUTE_CATEGORY_NEIGHBOUR', channel: 'CHANNEL_HOTLINE_12348' },
      counters: { opened: 1, people: 3, amount: 500, mass: 0 },
    });
  });

  it('reverses a linked duplicate in the period it was opened, once', () => {
    const linked = projectIntake(
      ev('mediation.intake.v1.DuplicateLinked', {}),
      opened?.state,
      99_999,
      '',
    );
    expect(linked?.contributions.map((c) => [c.atMs, c.counters])).toEqual([
      [1000, { opened: -1, people: -3, amount: -500, mass: -0 }],
      [1000, { dupEx: 1 }],
    ]);
    const again = projectIntake(
      ev('mediation.intake.v1.DuplicateLinked', {}),
      linked?.state,
      99_999,
      '',
    );
    expect(again?.contributions).toEqual([]);
  });

  it('moves the opening when an amendment changes the category', () => {
    const amended = projectIntake(
      ev('mediation.intake.v1.CaseAmended', {
        facts: {
          orgUnit: { code: 'p1', level: 5 },
          category: 3,
          channel: 2,
          peopleInvolved: 3,
          amountInvolved: { currencyCode: '', amountFen: '500' },
        },
      }),
      opened?.state,
      5000,
      '',
    );
    expect(amended?.contributions.map((c) => [c.keys.category, c.counters.opened])).toEqual([
      ['DISPUTE_CATEGORY_NEIGHBOUR', -1],
      ['DISPUTE_CATEGORY_HOUSING_HOMESTEAD', 1],
    ]);
  });
});
