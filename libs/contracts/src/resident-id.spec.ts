import {
  normaliseResidentId,
  residentIdCheckChar,
  residentIdChecksumOk,
  residentIdProblem,
  withResidentIdCheckChar as withCheck,
} from './resident-id';

describe('resident ID (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(residentIdProblem('11010519491231002x')).toBeUndefined();
  });

  it('rejects a wrong check character', () => {
    expect(residentIdProblem('110105194912310021')).toMatch(/check character/);
  });

  it('checks the check character alone for the gateway', () => {
    expect(residentIdChecksumOk('11010519491231002X')).toBe(true);
    expect(residentIdChecksumOk('110105194912310021')).toBe(false);
    expect(residentIdChecksumOk('11010519491231002x')).toBe(false); // the gateway upper-cases first
    expect(residentIdChecksumOk('1101051949123100X')).toBe(false);
    expect(withCheck('21020219800101005')).toMatch(/^21020219800101005[\dX]$/);
    expect(residentIdChecksumOk(withCheck('21020219800101005'))).toBe(true);
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
