import {
  assignableMembers,
  deactivateRosterMember,
  emptyRoster,
  rosterCompliance,
  setRosterMember,
  type RosterMemberInput,
} from './committee-roster';
import {
  assignMediators,
  recordRecusal,
  recordSession,
  scheduleSession,
} from './mediation-conduct';
import { recordRefusal } from './mediation-consent';
import { escalate } from './mediation-handover';
import { reachAgreement } from './mediation-outcome';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import {
  A,
  B,
  community,
  consented,
  ctxAt,
  inProgress,
  roster,
  street,
  T0,
  sessionInput,
  termsOnly,
} from './mediation.fixtures';
import type { MediationState } from './mediation.types';
import type { MediatorChoice } from './mediation-conduct';

const codes = (r = roster()) => rosterCompliance(r, true).map((i) => i.code);
const input = (memberId: string, extra: Partial<RosterMemberInput> = {}): RosterMemberInput => ({
  memberId,
  name: `委员${memberId}`,
  gender: 'MALE',
  role: 'MEMBER',
  specialities: [],
  ...extra,
});

describe('committee roster (art. 8)', () => {
  it('adds, updates and reactivates members without touching its input', () => {
    const start = emptyRoster(community);
    const one = setRosterMember(start, input('m-1', { specialities: ['物业', '物业'] }), T0);
    expect(start.members).toEqual([]);
    expect(one.members).toMatchObject([{ memberId: 'm-1', active: true, specialities: ['物业'] }]);
    const off = deactivateRosterMember(one, 'm-1', '调离', T0);
    expect(off.members[0]).toMatchObject({ active: false, deactivationReason: '调离' });
    const back = setRosterMember(off, input('m-1', { role: 'DIRECTOR' }), T0);
    expect(back.members).toHaveLength(1);
    expect(back.members[0]).toMatchObject({
      active: true,
      role: 'DIRECTOR',
      deactivationReason: '',
    });
  });

  it('refuses to deactivate an unknown or an inactive member', () => {
    expect(() => deactivateRosterMember(roster(), 'nobody', 'x', T0)).toThrow(InvalidInputError);
    expect(() => deactivateRosterMember(roster(), 'm-9', 'x', T0)).toThrow(RuleViolationError);
  });

  it('reports the art. 8 rules as warnings, counting active members only', () => {
    expect(codes()).toEqual([]);
    expect(codes(emptyRoster(community))).toEqual([
      'TOO_FEW_MEMBERS',
      'NO_DIRECTOR',
      'NO_WOMAN_MEMBER',
    ]);
    const noDirector = deactivateRosterMember(roster(), 'm-1', '退休', T0);
    expect(codes(noDirector)).toEqual(['TOO_FEW_MEMBERS', 'NO_DIRECTOR', 'NO_WOMAN_MEMBER']);
    let big = roster();
    for (let i = 10; i < 17; i++) big = setRosterMember(big, input(`m-${i}`), T0);
    big = setRosterMember(big, input('m-2', { role: 'DIRECTOR' }), T0);
    expect(codes(big)).toEqual(['TOO_MANY_MEMBERS', 'SEVERAL_DIRECTORS']);
    // A reasoning point's volunteers are no committee.
    expect(rosterCompliance(emptyRoster(community), false)).toEqual([]);
  });

  it('only active members are assignable', () => {
    expect(assignableMembers(roster(), ['m-1', 'm-3']).map((m) => m.name)).toEqual([
      '委员m-1',
      '委员m-3',
    ]);
    expect(() => assignableMembers(roster(), ['m-1', 'x-7'])).toThrow(/not on the roster.*x-7/);
    expect(() => assignableMembers(roster(), ['m-9'])).toThrow(/inactive.*m-9/);
  });
});

const choice = (mediatorId: string, extra: Partial<MediatorChoice> = {}): MediatorChoice => ({
  mediatorId,
  role: 'ASSISTANT',
  chosenByParties: false,
  chosenByPartyId: '',
  ...extra,
});
const assign = (state: MediationState, mediators: MediatorChoice[], r = roster()) =>
  assignMediators(state, { mediators, recusedMediatorIds: [], roster: r }, ctxAt());

describe('assigning mediators from the roster (art. 19)', () => {
  it('takes names from the roster and records a party’s choice in the event', () => {
    const { state, events } = assign(inProgress(), [
      choice('m-1', { role: 'LEAD', chosenByPartyId: A }),
      choice('m-3'),
    ]);
    expect(state.mediators).toMatchObject([
      { mediatorId: 'm-1', displayName: '委员m-1', chosenByParties: true, chosenByPartyId: A },
      { mediatorId: 'm-3', displayName: '委员m-3', chosenByParties: false },
    ]);
    expect(events[0].data.mediators).toEqual([
      {
        mediatorId: 'm-1',
        displayName: '委员m-1',
        role: 'LEAD',
        chosenByParties: true,
        chosenByPartyId: A,
      },
      {
        mediatorId: 'm-3',
        displayName: '委员m-3',
        role: 'ASSISTANT',
        chosenByParties: false,
        chosenByPartyId: '',
      },
    ]);
    // Staff names travel with the event now (MediatorRef.display_name: staff, not a party):
    // the whole event is the one above, nothing else.
    expect(Object.keys(events[0].data).sort()).toEqual(['mediators', 'recusedMediatorIds']);
  });

  it('refuses non-members, inactive members, unknown choosing parties and another committee’s roster', () => {
    expect(() => assign(inProgress(), [choice('x-1', { role: 'LEAD' })])).toThrow(
      RuleViolationError,
    );
    expect(() => assign(inProgress(), [choice('m-1', { role: 'LEAD' }), choice('m-9')])).toThrow(
      /inactive/,
    );
    expect(() =>
      assign(inProgress(), [choice('m-1', { role: 'LEAD', chosenByPartyId: 'p-x' })]),
    ).toThrow(InvalidInputError);
    expect(() =>
      assign(inProgress(), [choice('m-1', { role: 'LEAD' })], { ...roster(), committee: street }),
    ).toThrow(/not that of/);
  });
});

describe('recusal (arts. 19, 23)', () => {
  const assigned = () =>
    assign(inProgress(), [choice('m-1', { role: 'LEAD' }), choice('m-2')]).state;
  const recusal = (s: MediationState, mediatorId: string) =>
    recordRecusal(s, { partyId: B, mediatorId, reason: '与申请人有亲属关系', method: 1 }, ctxAt());

  it('takes an assistant off the case, records the refusal and blocks re-assignment', () => {
    const { state, events } = recusal(assigned(), 'm-2');
    expect(state.mediators.map((m) => m.mediatorId)).toEqual(['m-1']);
    expect(state.recusedMediatorIds).toEqual(['m-2']);
    expect(state.leadRequired).toBe(false);
    expect(state.consents.at(-1)).toMatchObject({
      partyId: B,
      subject: 'MEDIATOR',
      subjectRef: 'm-2',
      given: false,
      note: '与申请人有亲属关系',
    });
    expect(events[0]).toMatchObject({
      name: 'MediatorRecused',
      data: { partyId: B, mediatorId: 'm-2', removed: true, leadRequired: false },
    });
    expect(JSON.stringify(events[0].data)).not.toContain('亲属');
    expect(() => assign(state, [choice('m-1', { role: 'LEAD' }), choice('m-2')])).toThrow(
      /refused by a party/,
    );
    expect(() => recusal(state, 'm-2')).toThrow(/already recused/);
  });

  it('a recused lead holds sessions and the agreement until a new lead is assigned', () => {
    const base = consented();
    const withLead = assign(base, [choice('m-1', { role: 'LEAD' }), choice('m-2')]).state;
    const { state, events } = recusal(withLead, 'm-1');
    expect(events[0].data).toMatchObject({ removed: true, leadRequired: true });
    expect(state.leadRequired).toBe(true);
    expect(() => recordSession(state, sessionInput(T0), ctxAt())).toThrow(/assign a new lead/);
    expect(() =>
      scheduleSession(
        state,
        { scheduledAt: T0, location: '', visibility: 2, invitedPartyIds: [], mediatorIds: [] },
        ctxAt(),
      ),
    ).toThrow(/assign a new lead/);
    const agreement = termsOnly({ form: 'ORAL', signedPartyIds: [] });
    expect(() => reachAgreement(state, agreement, ctxAt())).toThrow(/assign a new lead/);
    const relead = assign(state, [choice('m-2', { role: 'LEAD' })]).state;
    expect(relead.leadRequired).toBe(false);
    expect(recordSession(relead, sessionInput(T0), ctxAt()).state.sessions).toHaveLength(1);
  });

  it('a refusal of the lead (RecordRefusal MEDIATOR) needs a new lead too; a hand-over clears it', () => {
    const refused = recordRefusal(
      assigned(),
      { partyId: A, subject: 'MEDIATOR', subjectRef: 'm-1', method: 1, note: '' },
      ctxAt(),
    ).state;
    expect(refused.leadRequired).toBe(true);
    expect(escalate(refused, { target: street, reason: 1 }, ctxAt()).state.leadRequired).toBe(
      false,
    );
  });

  it('may recuse a mediator not yet assigned; needs a known party, a mediator and a reason', () => {
    const { state, events } = recusal(inProgress(), 'm-3');
    expect(events[0].data).toMatchObject({ removed: false, leadRequired: false });
    expect(state.recusedMediatorIds).toEqual(['m-3']);
    expect(() =>
      recordRecusal(
        inProgress(),
        { partyId: 'p-x', mediatorId: 'm-1', reason: 'r', method: 1 },
        ctxAt(),
      ),
    ).toThrow(InvalidInputError);
    expect(() =>
      recordRecusal(inProgress(), { partyId: A, mediatorId: '', reason: 'r', method: 1 }, ctxAt()),
    ).toThrow(InvalidInputError);
    expect(() =>
      recordRecusal(
        inProgress(),
        { partyId: A, mediatorId: 'm-1', reason: ' ', method: 1 },
        ctxAt(),
      ),
    ).toThrow(InvalidInputError);
  });
});
