import { RuleViolationError } from '@mediation/domain-kit';
import { amendCase } from './amendment';
import { CASE_STATUS } from './case.entity';
import { at, hash, mediator, registeredCase, storedParty, thresholds } from './case.fixtures';

const rules = { massDispute: thresholds, hash };
const amend = (changes: Parameters<typeof amendCase>[2]['changes'], status?: number) =>
  amendCase(
    { ...registeredCase(), ...(status ? { status } : {}) },
    3,
    { changes, reason: '登记时类别选错', by: mediator, at },
    rules,
  );

describe('amendCase', () => {
  it('sets the changes, names them in a fixed order and records the next version', () => {
    const { set, amendment } = amend({ peopleInvolved: 12, category: 7, description: '' });
    expect(set).toMatchObject({ category: 7, description: '', peopleInvolved: 12, updatedAt: at });
    expect(amendment).toEqual({
      amendedAt: at,
      amendedBy: mediator,
      reason: '登记时类别选错',
      changedFields: ['category', 'description', 'people_involved'],
      version: 4,
    });
  });

  it('re-derives the mass-dispute flag and the dispute keys from what they depend on', () => {
    expect(amend({ peopleInvolved: 12 }).set.massDispute).toBe(true);
    expect(amend({ description: 'x' }).set).not.toHaveProperty('massDispute');
    const parties = [storedParty('p1', 1, 'id-a'), storedParty('p3', 2, 'id-other')];
    expect(amend({ parties }).set.disputeKeys).toEqual([
      'h(dispute\u00002\u0000id-a\u0000id-other)',
    ]);
    expect(amend({ description: 'x' }).set).not.toHaveProperty('disputeKeys');
  });

  it('moves the case to another unit, keeping its number and numbering committee', () => {
    const placement = {
      orgUnitCode: '210202001001',
      orgUnitLevel: 4,
      orgPath: ['2102', '210202', '210202001', '210202001001'],
      committee: { code: 'MC-210202001001', orgUnitCode: '210202001001', level: 4 },
    };
    const { set, amendment } = amend({ placement });
    expect(set).toMatchObject(placement);
    expect(set).not.toHaveProperty('committeeCode');
    expect(set).not.toHaveProperty('caseNumber');
    expect(amendment.changedFields).toEqual(['org_unit_code']);
  });

  it.each([CASE_STATUS.ACCEPTED, CASE_STATUS.WITHDRAWN])(
    'refuses a case no longer registered (status %d)',
    (status) => {
      expect(() => amend({ description: 'x' }, status)).toThrow(RuleViolationError);
    },
  );
});
