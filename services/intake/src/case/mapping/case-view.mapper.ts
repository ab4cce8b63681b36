import { intakeV1, toTimestamp, type commonV1 } from '@mediation/contracts';
import type { PiiProtector } from '../../pii/pii-protector';
import type { CaseState, StoredParty } from '../domain/case.entity';
import { maskPersonName } from '@mediation/domain-kit';
import { caseMoney } from '../events/case-facts';
import { caseProgressView, lifeStatusOf } from '../../case-view/mapping/case-progress.mapper';

const PERSON = 1;
const ts = (d: Date | null | undefined) => (d ? toTimestamp(new Date(d)) : null);

/**
 * A party as the caller may see it: masks always; clear ID number, phone and address only for
 * roles that need them (mayReadPii), decrypted here and nowhere else.
 */
export function partyView(p: StoredParty, pii: PiiProtector | undefined): commonV1.PartyView {
  return {
    partyId: p.partyId,
    kind: p.kind,
    role: p.role,
    name: pii || p.kind !== PERSON ? p.name : maskPersonName(p.name),
    idType: p.idType,
    idNumberMasked: p.idNumberMasked,
    phoneMasked: p.phoneMasked,
    addressMasked: p.addressMasked,
    consent: p.consent,
    ...(pii
      ? {
          idNumber: pii.decrypt(p.idNumberEnc),
          phone: pii.decrypt(p.phoneEnc),
          address: pii.decrypt(p.addressEnc),
        }
      : {}),
  };
}

export function caseView(
  id: string,
  version: number,
  s: CaseState,
  pii: PiiProtector | undefined,
  now = new Date(),
): intakeV1.Case {
  return intakeV1.Case.fromPartial({
    caseId: id,
    caseNumber: s.caseNumber,
    // The status over the case's whole life (the case view), and intake's own beside it.
    status: lifeStatusOf(s.status, s.progress, s.lifeStatus),
    intakeStatus: s.status,
    progress: caseProgressView(s.progress, now),
    version: String(version),
    source: s.source,
    channel: s.channel,
    platformLevel: s.platformLevel,
    referringInstitution: s.referringInstitution ?? undefined,
    externalReference: s.externalReference,
    referralId: s.referralId,
    orgUnit: { code: s.orgUnitCode, level: s.orgUnitLevel },
    committee: s.committee,
    category: s.category,
    parties: s.parties.map((p) => partyView(p, pii)),
    peopleInvolved: s.peopleInvolved,
    amountInvolved: caseMoney(s),
    massDispute: s.massDispute,
    description: s.description,
    risk: s.risk ?? undefined,
    disputeStartedAt: ts(s.disputeStartedAt) ?? undefined,
    registeredAt: ts(s.registeredAt) ?? undefined,
    registeredBy: s.registeredBy,
    updatedAt: ts(s.updatedAt) ?? undefined,
    duplicateOfCaseId: s.duplicateOfCaseId,
    duplicateCaseIds: s.duplicateCaseIds ?? [],
    amendments: (s.amendments ?? []).map((a) => ({
      amendedAt: ts(a.amendedAt) ?? undefined,
      amendedBy: a.amendedBy,
      reason: a.reason,
      changedFields: a.changedFields,
      version: String(a.version),
    })),
    withdrawnAt: ts(s.withdrawnAt) ?? undefined,
    withdrawalReason: s.withdrawalReason,
    entrustedTermDueAt: ts(s.entrustedTermDueAt) ?? undefined,
  });
}

export function caseSummary(
  id: string,
  version: number,
  s: CaseState,
  now = new Date(),
): intakeV1.CaseSummary {
  return intakeV1.CaseSummary.fromPartial({
    caseId: id,
    caseNumber: s.caseNumber,
    status: lifeStatusOf(s.status, s.progress, s.lifeStatus),
    intakeStatus: s.status,
    progress: caseProgressView(s.progress, now),
    version: String(version),
    source: s.source,
    channel: s.channel,
    orgUnit: { code: s.orgUnitCode, level: s.orgUnitLevel },
    committee: s.committee,
    category: s.category,
    partyCount: s.parties.length,
    peopleInvolved: s.peopleInvolved,
    massDispute: s.massDispute,
    riskLevel: s.risk?.level ?? 0,
    duplicateOfCaseId: s.duplicateOfCaseId,
    registeredAt: ts(s.registeredAt) ?? undefined,
    updatedAt: ts(s.updatedAt) ?? undefined,
  });
}
