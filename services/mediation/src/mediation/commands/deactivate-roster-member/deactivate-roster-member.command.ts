import type { Metadata } from '@grpc/grpc-js';
import type { mediationV1 } from '@mediation/contracts';
import type { FieldViolation } from '@mediation/service-kit';
import { deactivateRosterMember } from '../../domain';
import type { QueryDeps } from '../../queries/query-context';
import { runRosterCommand } from '../../roster/roster-command.runner';

/** Takes a member off duty: kept on the roster, no longer assignable. */
export function deactivateRosterMemberCommand(
  deps: QueryDeps,
  req: mediationV1.DeactivateRosterMemberRequest,
  metadata: Metadata,
): Promise<mediationV1.DeactivateRosterMemberResponse> {
  const reason = req.reason.trim();
  const validate = (): FieldViolation[] => {
    const v: FieldViolation[] = [];
    if (!req.memberId) v.push({ field: 'member_id', description: 'is required' });
    if (!reason || reason.length > 500)
      v.push({ field: 'reason', description: 'required, at most 500 characters' });
    return v;
  };
  return runRosterCommand(deps, req, metadata, validate, (roster, now) =>
    deactivateRosterMember(roster, req.memberId, reason, now),
  );
}
