import { FieldProblems } from '@mediation/domain-kit';
import type { mediationV1 } from '@mediation/contracts';
import { deactivateRosterMember } from '../../domain';
import type { RosterCommandSpec } from '../command-spec';

/** Takes a member off duty: kept on the roster, no longer assignable. */
export const deactivateRosterMemberCommand: RosterCommandSpec<mediationV1.DeactivateRosterMemberRequest> =
  {
    validate: (req) => {
      const problems = new FieldProblems();
      const reason = req.reason.trim();
      if (!req.memberId) problems.add('member_id', 'is required');
      if (!reason || reason.length > 500)
        problems.add('reason', 'required, at most 500 characters');
      problems.throwIfAny();
    },
    change: (roster, req, now) =>
      deactivateRosterMember(roster, req.memberId, req.reason.trim(), now),
  };
