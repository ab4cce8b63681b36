import { intakeV1, toTimestamp } from '@mediation/contracts';
import type { CaseProgressState, ReferralOnCase } from '../domain/case-progress';
import { currentLifeStatus, hasEnded } from '../domain/life-status';

const ts = (d: Date | null | undefined) => (d ? toTimestamp(new Date(d)) : undefined);

/**
 * The case's life status as lists show and filter it: the one stored with the case (`lifeStatus`,
 * kept by every write of the case or its view, and kept through a rebuild until the view is
 * refilled), or for a case stored without it, the one its status and view make now.
 */
export function lifeStatusOf(
  intakeStatus: number,
  progress: CaseProgressState | null | undefined,
  stored?: number,
): number {
  return stored || currentLifeStatus(intakeStatus, progress?.status);
}

/** The progress as the contract shows it; `overdue` is decided now, at read. */
export function caseProgressView(
  p: CaseProgressState | null | undefined,
  now: Date,
): intakeV1.CaseProgress | undefined {
  if (!p) return undefined;
  const due = p.nextDeadlineAt ? new Date(p.nextDeadlineAt) : null;
  return intakeV1.CaseProgress.fromPartial({
    holder: p.holder ?? undefined,
    path: p.path,
    leadMediator: p.leadMediator ?? undefined,
    otherMediators: p.otherMediators,
    nextDeadlineAt: ts(due),
    nextDeadlineKind: p.nextDeadlineKind,
    overdue: Boolean(due && !hasEnded(p.status) && due.getTime() < now.getTime()),
    referral: p.referral ? referralView(p.referral) : undefined,
    lastActivityAt: ts(p.lastActivityAt),
    lastActivity: p.lastActivity,
  });
}

function referralView(r: ReferralOnCase): intakeV1.ReferralOnCase {
  return intakeV1.ReferralOnCase.fromPartial({
    referralId: r.referralId,
    inbound: r.inbound,
    stage: r.stage,
    desk: r.desk ?? undefined,
    institution: r.institution ?? undefined,
    lawyerId: r.lawyerId,
  });
}
