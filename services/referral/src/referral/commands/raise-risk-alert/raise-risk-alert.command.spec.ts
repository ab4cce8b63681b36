import { commonV1 } from '@mediation/contracts';
import { alertTarget } from './raise-risk-alert.command';

const F = commonV1.RiskFactor;

describe('alertTarget', () => {
  it('sends violence and criminal escalation to the police', () => {
    expect(alertTarget([F.RISK_FACTOR_VIOLENCE])).toBe('PUBLIC_SECURITY');
    expect(alertTarget([F.RISK_FACTOR_CRIMINAL_ESCALATION, F.RISK_FACTOR_MASS_PETITION])).toBe(
      'PUBLIC_SECURITY',
    );
    expect(alertTarget([])).toBe('PUBLIC_SECURITY');
  });

  it('sends a mass-petition risk alone to the petition office', () => {
    expect(alertTarget([F.RISK_FACTOR_MASS_PETITION])).toBe('PETITION_OFFICE');
  });
});
