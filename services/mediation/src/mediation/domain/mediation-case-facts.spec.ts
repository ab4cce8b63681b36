import { applyCaseAmendment, type AmendedCaseFacts } from './mediation-case-facts';
import { created, inProgress, T0 } from './mediation.fixtures';

const clerk = { subject: 'clerk-1', role: 3, orgUnitCode: '210202002001', displayName: '周登记' };
const facts: AmendedCaseFacts = {
  orgUnit: { code: '210202002001', level: 4 },
  category: 7,
  parties: [{ partyId: 'p-c', kind: 1, role: 1, consent: 1 }],
  riskLevel: 3,
  changedFields: { zh: '纠纷类别、当事人、风险等级', en: 'category, parties, risk' },
};

describe('a case amended at intake', () => {
  it('replaces the pending mediation’s copy of the case, with a timeline step', () => {
    const before = created();
    const step = applyCaseAmendment(before, facts, clerk, { now: T0 }, 1)!;
    expect(step.events).toEqual([]);
    expect(step.state).toMatchObject({
      category: 7,
      parties: facts.parties,
      riskLevel: 3,
      committee: before.committee,
      status: 'PENDING_ACCEPTANCE',
    });
    expect(step.state.timeline.at(-1)).toMatchObject({
      sequence: 1,
      eventType: 'mediation.intake.v1.CaseAmended',
      actor: clerk,
      summaryZh: '登记信息更正（纠纷类别、当事人、风险等级）',
    });
    // The state it started from is left alone.
    expect(before.category).not.toBe(7);
  });

  it('is ignored once the mediation accepted the case', () => {
    expect(applyCaseAmendment(inProgress(), facts, clerk, { now: T0 }, 2)).toBeNull();
  });
});
