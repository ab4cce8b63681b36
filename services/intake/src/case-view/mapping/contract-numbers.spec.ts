import { intakeV1 } from '@mediation/contracts';
import { DEADLINE_KIND, LIFE_STATUS, REFERRAL_STAGE } from '../domain/life-status';

// domain/ spells the contracts' enum numbers itself (it imports no contracts): they must agree.
describe("the case view's enum numbers are the contract's", () => {
  it.each(Object.entries(LIFE_STATUS))('CaseStatus %s', (name, value) => {
    expect(intakeV1.CaseStatus[`CASE_STATUS_${name}` as keyof typeof intakeV1.CaseStatus]).toBe(
      value,
    );
  });

  it.each(Object.entries(REFERRAL_STAGE))('ReferralStage %s', (name, value) => {
    expect(
      intakeV1.ReferralStage[`REFERRAL_STAGE_${name}` as keyof typeof intakeV1.ReferralStage],
    ).toBe(value);
  });

  it.each(Object.entries(DEADLINE_KIND).filter(([name]) => name !== 'NONE'))(
    'DeadlineKind %s',
    (name, value) => {
      expect(
        intakeV1.DeadlineKind[`DEADLINE_KIND_${name}` as keyof typeof intakeV1.DeadlineKind],
      ).toBe(value);
    },
  );

  it('covers every value of the contract', () => {
    const named = (e: object, prefix: string) =>
      Object.keys(e).filter((k) => k.startsWith(prefix) && !k.endsWith('UNSPECIFIED')).length;
    expect(Object.keys(LIFE_STATUS)).toHaveLength(named(intakeV1.CaseStatus, 'CASE_STATUS_'));
    expect(Object.keys(REFERRAL_STAGE)).toHaveLength(
      named(intakeV1.ReferralStage, 'REFERRAL_STAGE_'),
    );
    expect(Object.keys(DEADLINE_KIND)).toHaveLength(
      named(intakeV1.DeadlineKind, 'DEADLINE_KIND_') + 1,
    );
  });
});
