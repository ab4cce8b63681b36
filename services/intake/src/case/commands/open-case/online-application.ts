import { commonV1, normalisePhone, type intakeV1 } from '@mediation/contracts';
import type { FieldProblem } from '@mediation/domain-kit';

/**
 * What a party may register by itself (the party app's "apply online"): its own application,
 * through the online channel, with itself as an applicant by the mobile it proved. What only staff
 * or an institution decide (a referral, an institution's reference, an entrusted term, the risk
 * assessment, the physical platform) stays empty. The case lands at the committee of the place
 * picked, like any other.
 */
export function onlineApplicationProblems(
  req: intakeV1.OpenCaseRequest,
  partyPhone: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, description: string) => problems.push({ field, description });
  if (req.channel !== commonV1.Channel.CHANNEL_ONLINE)
    add('channel', 'a party applies through CHANNEL_ONLINE');
  if (req.source !== commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION)
    add('source', 'a party applies as CASE_SOURCE_PARTY_APPLICATION');
  if (req.platformLevel !== commonV1.PlatformLevel.PLATFORM_LEVEL_UNSPECIFIED)
    add('platform_level', 'is for applications made at a platform');
  if (req.referringInstitution?.code) add('referring_institution', 'is for referrals');
  if (req.externalReference) add('external_reference', 'is for referrals');
  if (req.referralId) add('referral_id', 'is for referrals');
  if (req.entrustedTermDueAt) add('entrusted_term_due_at', 'is for entrusted cases');
  if (req.risk && req.risk.level !== commonV1.RiskLevel.RISK_LEVEL_UNSPECIFIED)
    add('risk', 'is assessed by the committee');
  const own = req.parties.some(
    (p) =>
      p.role === commonV1.PartyRole.PARTY_ROLE_APPLICANT &&
      normalisePhone(p.phone)?.value === partyPhone,
  );
  if (!own) add('parties', 'one applicant must have the mobile number you proved');
  return problems;
}
