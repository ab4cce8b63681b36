import { commonV1, referralV1 } from '@mediation/contracts';
import {
  code,
  institutionTypeFromDirectory,
  institutionTypeToDirectory,
  nameOf,
} from './referral.codes';

describe('referral codes', () => {
  it('maps domain names to contract numbers and back', () => {
    expect(code('status', 'PENDING')).toBe(referralV1.ReferralStatus.REFERRAL_STATUS_PENDING);
    expect(code('outcome', 'GUIDED_TO_LEGAL_AID')).toBe(
      commonV1.ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LEGAL_AID,
    );
    expect(code('outcome', null)).toBe(0);
    expect(nameOf('kind', referralV1.ReferralKind.REFERRAL_KIND_COURT_PRE_FILING)).toBe(
      'COURT_PRE_FILING',
    );
  });

  it('refuses UNSPECIFIED, unknown numbers and unknown names', () => {
    expect(nameOf('declineReason', 0)).toBeUndefined();
    expect(nameOf('declineReason', 99)).toBeUndefined();
    expect(() => code('sla', 'NEVER')).toThrow(/SLA_KIND_NEVER/);
  });

  it('translates the directory’s institution types', () => {
    expect(institutionTypeFromDirectory('LEGAL_AID')).toBe('LEGAL_AID_CENTRE');
    expect(institutionTypeToDirectory('ARBITRATION_COMMISSION')).toBe('ARBITRATION');
    expect(code('institutionType', 'PUBLIC_SECURITY')).toBe(
      commonV1.InstitutionType.INSTITUTION_TYPE_PUBLIC_SECURITY,
    );
  });
});
