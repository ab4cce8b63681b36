import { intakeV1, type commonV1 } from '@mediation/contracts';
import type { CaseState } from '../domain/case.entity';

const money = (s: CaseState): commonV1.Money => ({
  currencyCode: s.currencyCode || 'CNY',
  amountFen: String(s.amountFen),
});

/** What consumers need of a case: references and codes only, never PII or free text. */
export function caseFacts(s: CaseState): intakeV1.CaseFacts {
  return intakeV1.CaseFacts.fromPartial({
    source: s.source,
    channel: s.channel,
    platformLevel: s.platformLevel,
    referringInstitutionType: s.referringInstitution?.type ?? 0,
    referringInstitutionCode: s.referringInstitution?.code ?? '',
    orgUnit: { code: s.orgUnitCode, level: s.orgUnitLevel },
    committee: s.committee,
    category: s.category,
    parties: s.parties.map((p) => ({
      partyId: p.partyId,
      kind: p.kind,
      role: p.role,
      consent: p.consent,
    })),
    peopleInvolved: s.peopleInvolved,
    amountInvolved: money(s),
    massDispute: s.massDispute,
    riskLevel: s.risk?.level ?? 0,
    riskFactors: s.risk?.factors ?? [],
  });
}

export { money as caseMoney };
