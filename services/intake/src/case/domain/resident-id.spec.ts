import { normaliseResidentId, residentIdCheckChar, residentIdProblem } from './resident-id';

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('resident ID (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(residentIdProblem('11010519491231002x')).toBeUndefined();
  });

  it('rejects a wrong check character', () => {
    expect(residentIdProblem('110105194912310021')).toMatch(/check character/);
  });

  it.each([
    ['17 digits', '11010519491231002'],
    ['letters inside', '1101051949123100AX'],
    ['leading zero region', withCheck('01010519491231002')],
  ])('rejects %s', (_what, value) => {
    expect(residentIdProblem(value)).toMatch(/18 characters/);
  });

  it.each([
    ['30 February', withCheck('21020219900230001')],
    ['month 13', withCheck('21020219901301001')],
    ['before 1900', withCheck('21020218991231001')],
    ['in the future', withCheck('21020220991231001')],
  ])('rejects a birth date on %s', (_what, value) => {
    expect(residentIdProblem(value, new Date('2026-11-26T00:00:00Z'))).toMatch(/birth date/);
  });

  it('normalises a lower-case x so that one person hashes alike', () => {
    expect(normaliseResidentId('11010519491231002x')).toBe('11010519491231002X');
  });
});
