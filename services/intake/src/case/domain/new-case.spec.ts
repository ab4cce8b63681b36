import { CASE_STATUS } from './case.entity';
import { hash, registration, registeredCase, thresholds } from './case.fixtures';
import { newCase } from './new-case';

describe('newCase', () => {
  it('is registered, unnumbered, in the numbering year of China time, with its dispute keys', () => {
    const c = registeredCase({ at: new Date('2026-12-31T17:00:00Z') });
    expect(c).toMatchObject({
      status: CASE_STATUS.REGISTERED,
      caseNumber: '',
      numberSeq: 0,
      numberYear: 2027,
      committeeCode: 'MC-210202002001',
      registeredAt: new Date('2026-12-31T17:00:00Z'),
      updatedAt: new Date('2026-12-31T17:00:00Z'),
      currencyCode: 'CNY',
      massDispute: false,
      duplicateOfCaseId: '',
      duplicateCaseIds: [],
      amendments: [],
      withdrawnAt: null,
    });
    expect(c.disputeKeys).toEqual(['h(dispute\u00002\u0000id-a\u0000id-r)']);
  });

  it('is a mass dispute from either threshold on', () => {
    const many = newCase(registration({ peopleInvolved: 5 }), { massDispute: thresholds, hash });
    const large = newCase(registration({ amountFen: 100_000_000 }), {
      massDispute: thresholds,
      hash,
    });
    expect([many.massDispute, large.massDispute]).toEqual([true, true]);
  });
});
