import { FieldProblems } from '@mediation/domain-kit';
import { enumName, mediationV1 } from '@mediation/contracts';
import { setRosterMember, type CommitteeMemberRole, type Gender } from '../../domain';
import type { RosterCommandSpec } from '../command-spec';

const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const MAX_SPECIALITIES = 20;

const genderOf = (req: mediationV1.SetRosterMemberRequest) =>
  enumName<Gender>(mediationV1.Gender, 'GENDER_', req.gender);
const roleOf = (req: mediationV1.SetRosterMemberRequest) =>
  enumName<CommitteeMemberRole>(
    mediationV1.CommitteeMemberRole,
    'COMMITTEE_MEMBER_ROLE_',
    req.role,
  );
const specialitiesOf = (req: mediationV1.SetRosterMemberRequest) =>
  req.specialities.map((s) => s.trim());

/** Adds a member to a committee's roster, or updates (and reactivates) one. */
export const setRosterMemberCommand: RosterCommandSpec<mediationV1.SetRosterMemberRequest> = {
  validate: (req) => {
    const problems = new FieldProblems();
    const name = req.name.trim();
    const specialities = specialitiesOf(req);
    if (!MEMBER_ID.test(req.memberId))
      problems.add('member_id', 'required: 1-64 letters, digits or ._:@-');
    if (!name || name.length > 100) problems.add('name', 'required, at most 100 characters');
    if (!genderOf(req)) problems.add('gender', 'unknown or unset value');
    if (!roleOf(req)) problems.add('role', 'unknown or unset value');
    if (specialities.length > MAX_SPECIALITIES)
      problems.add('specialities', `at most ${MAX_SPECIALITIES}`);
    specialities.forEach((s, i) => {
      if (!s || s.length > 50)
        problems.add(`specialities[${i}]`, 'required, at most 50 characters');
    });
    problems.throwIfAny();
  },
  change: (roster, req, now) =>
    setRosterMember(
      roster,
      {
        memberId: req.memberId,
        name: req.name.trim(),
        gender: genderOf(req)!,
        role: roleOf(req)!,
        specialities: specialitiesOf(req),
      },
      now,
    ),
};
