import { FieldProblems, InvalidInputError, RuleViolationError } from '@mediation/domain-kit';
import { CASE_STATUS } from './case.entity';
import { at, mediator, registeredCase } from './case.fixtures';
import { withdrawCase } from './withdrawal';

const input = { reason: '双方已自行和解', partyId: 'p1', by: mediator, at };

describe('withdrawCase', () => {
  it('withdraws a registered or accepted case at the command time, naming who asked', () => {
    for (const status of [CASE_STATUS.REGISTERED, CASE_STATUS.ACCEPTED]) {
      const decision = withdrawCase({ ...registeredCase(), status }, input, new FieldProblems());
      expect(decision).toEqual({
        kind: 'withdrawn',
        set: {
          status: CASE_STATUS.WITHDRAWN,
          withdrawnAt: at,
          withdrawalReason: '双方已自行和解',
          updatedAt: at,
        },
        requestedByPartyId: 'p1',
        by: mediator,
      });
    }
  });

  it.each([CASE_STATUS.REJECTED, CASE_STATUS.CLOSED, CASE_STATUS.WITHDRAWN])(
    'refuses a case in status %d as a rule violation',
    (status) => {
      expect(() =>
        withdrawCase({ ...registeredCase(), status }, input, new FieldProblems()),
      ).toThrow(RuleViolationError);
    },
  );

  it('reports a stranger as party_id together with the request problems, before the status', () => {
    const problems = new FieldProblems().add('reason', 'is required');
    const closed = { ...registeredCase(), status: CASE_STATUS.CLOSED };
    try {
      withdrawCase(closed, { ...input, partyId: 'p9' }, problems);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems).toEqual([
        { field: 'reason', description: 'is required' },
        { field: 'party_id', description: 'is not a party of this case' },
      ]);
    }
  });
});
