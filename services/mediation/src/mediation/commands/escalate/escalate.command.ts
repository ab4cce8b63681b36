import { commonV1, mediationV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { InvalidInputError, escalate, RuleViolationError, type CommitteeRef } from '../../domain';
import { committeeRef } from '../../mapping/committee-ref';
import { defineCommand } from '../command-spec';
import { optionalEnum } from '../../mapping/request-to-domain';

/**
 * One level up per the org directory: a point's volunteers pass the case to their community
 * committee, a committee to the one above (community -> street -> district -> city); an explicit
 * target is only for industry committees.
 */
export function escalationTarget(
  dir: OrgDirectory,
  current: CommitteeRef,
  targetCode: string,
): CommitteeRef {
  if (targetCode) {
    const target = dir.findCommittee(targetCode);
    if (!target || target.level !== 'INDUSTRY')
      throw new InvalidInputError(
        'target_committee_code',
        `${targetCode} is not an industry committee (other escalations go one level up)`,
      );
    return committeeRef(target);
  }
  if (current.level === commonV1.HandlingLevel.HANDLING_LEVEL_REASONING_POINT)
    return committeeRef(dir.committeeFor(current.code));
  const next = dir.escalationTarget(current.code);
  if (!next) throw new RuleViolationError(`${current.code} is the top of the hierarchy`);
  return committeeRef(next);
}

export const escalateCommand = defineCommand<mediationV1.EscalateRequest>({
  name: 'Escalate',
  decide: (state, req, ctx) =>
    escalate(
      state,
      {
        target: escalationTarget(ctx.directory, state.committee, req.targetCommitteeCode),
        reason: optionalEnum(mediationV1.EscalationReason, req.reason, 'reason'),
      },
      ctx,
    ),
});
