import { referralV1, toTimestamp, type Timestamp } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { isOverdue } from '../domain/sla-policy';
import { actorRef, deskRef } from '../events/referral-event.mapper';
import type { LoadedReferral } from '../persistence/referral.repository';
import { code, orgUnitRef } from '../referral.codes';

const ts = (d: Date | null): Timestamp | null => (d ? toTimestamp(d) : null);

/** The full referral for GetReferral and command responses. */
export function toReferral(
  loaded: LoadedReferral,
  now: Date,
  directory: OrgDirectory,
): referralV1.Referral {
  const s = loaded.state;
  return referralV1.Referral.fromPartial({
    referralId: s.referralId,
    direction: code('direction', s.direction),
    kind: code('kind', s.kind),
    status: code('status', s.status),
    version: String(loaded.version),
    caseId: s.caseId,
    caseNumber: s.caseNumber,
    mediationId: s.mediationId,
    committee: s.committee ?? undefined,
    institution: { code: s.institution.code, type: code('institutionType', s.institution.type) },
    desk: deskRef(s.desk),
    externalReference: s.externalReference,
    remedy: s.remedy,
    handover: s.handover && {
      ...s.handover,
      summaryEn: s.handover.summaryEn ?? '',
      whatWasTriedEn: s.handover.whatWasTriedEn ?? '',
    },
    orgUnit: orgUnitRef(directory, s.orgUnitCode),
    category: s.category,
    claimedBy: s.claimedBy,
    claimedAt: ts(s.claimedAt) ?? undefined,
    claimDueAt: ts(s.claimDueAt) ?? undefined,
    // Outbound: the outcome deadline; inbound: the entrusted term.
    termDueAt: ts(s.termDueAt ?? s.outcomeDueAt) ?? undefined,
    overdue: isOverdue(s, now),
    outcome: code('outcome', s.outcome),
    entrustmentResult: code('entrustmentResult', s.entrustmentResult),
    outcomeNote: s.outcomeNote,
    work: s.work.map((w) => ({
      workId: w.workId,
      kind: code('workKind', w.kind),
      performedAt: toTimestamp(w.performedAt),
      durationMinutes: w.durationMinutes,
      summary: w.summary,
      recordedBy: actorRef(w.recordedBy),
    })),
    history: s.history.map((h) => ({
      sequence: String(h.sequence),
      eventType: h.eventType,
      occurredAt: toTimestamp(h.occurredAt),
      actor: actorRef(h.actor),
      deskCode: h.deskCode,
      summary: h.summary,
      summaryText: { zh: h.summaryZh ?? h.summary, en: h.summary },
    })),
    createdAt: toTimestamp(s.createdAt),
    closedAt: ts(s.closedAt) ?? undefined,
  });
}

/** An inbox line: no free text. */
export function toSummary(
  loaded: LoadedReferral,
  now: Date,
  directory: OrgDirectory,
): referralV1.ReferralSummary {
  const s = loaded.state;
  return referralV1.ReferralSummary.fromPartial({
    referralId: s.referralId,
    direction: code('direction', s.direction),
    kind: code('kind', s.kind),
    status: code('status', s.status),
    version: String(loaded.version),
    caseId: s.caseId,
    caseNumber: s.caseNumber,
    desk: deskRef(s.desk),
    orgUnit: orgUnitRef(directory, s.orgUnitCode),
    category: s.category,
    claimedBy: s.claimedBy,
    createdAt: toTimestamp(s.createdAt),
    claimDueAt: ts(s.claimDueAt) ?? undefined,
    overdue: isOverdue(s, now),
  });
}
