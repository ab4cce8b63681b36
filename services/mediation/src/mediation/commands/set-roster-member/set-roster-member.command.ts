import type { Metadata } from '@grpc/grpc-js';
import { enumName, mediationV1 } from '@mediation/contracts';
import type { FieldViolation } from '@mediation/service-kit';
import { setRosterMember, type CommitteeMemberRole, type Gender } from '../../domain';
import type { QueryDeps } from '../../queries/query-context';
import { runRosterCommand } from '../../roster/roster-command.runner';

const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const MAX_SPECIALITIES = 20;

/** Adds a member to a committee's roster, or updates (and reactivates) one. */
export function setRosterMemberCommand(
  deps: QueryDeps,
  req: mediationV1.SetRosterMemberRequest,
  metadata: Metadata,
): Promise<mediationV1.SetRosterMemberResponse> {
  const gender = enumName<Gender>(mediationV1.Gender, 'GENDER_', req.gender);
  const role = enumName<CommitteeMemberRole>(
    mediationV1.CommitteeMemberRole,
    'COMMITTEE_MEMBER_ROLE_',
    req.role,
  );
  const name = req.name.trim();
  const specialities = req.specialities.map((s) => s.trim());
  const validate = (): FieldViolation[] => {
    const v: FieldViolation[] = [];
    if (!MEMBER_ID.test(req.memberId))
      v.push({ field: 'member_id', description: 'required: 1-64 letters, digits or ._:@-' });
    if (!name || name.length > 100)
      v.push({ field: 'name', description: 'required, at most 100 characters' });
    if (!gender) v.push({ field: 'gender', description: 'unknown or unset value' });
    if (!role) v.push({ field: 'role', description: 'unknown or unset value' });
    if (specialities.length > MAX_SPECIALITIES)
      v.push({ field: 'specialities', description: `at most ${MAX_SPECIALITIES}` });
    specialities.forEach((s, i) => {
      if (!s || s.length > 50)
        v.push({ field: `specialities[${i}]`, description: 'required, at most 50 characters' });
    });
    return v;
  };
  return runRosterCommand(deps, req, metadata, validate, (roster, now) =>
    setRosterMember(
      roster,
      { memberId: req.memberId, name, gender: gender!, role: role!, specialities },
      now,
    ),
  );
}
