import { InvalidInputError, RuleViolationError } from './mediation.errors';
import type { CommitteeRef } from './mediation.types';

// The roster of a handler (a committee, or a reasoning point's volunteers) and the rules of art. 8.
// Edits are never refused for breaking art. 8: a roster is built one member at a time and passes
// through states that break it (two members, a director stepping down before the next one is
// named); the rules are reported on every read instead (`rosterCompliance`).

export type Gender = 'FEMALE' | 'MALE';
export type CommitteeMemberRole = 'DIRECTOR' | 'DEPUTY_DIRECTOR' | 'MEMBER';

export interface RosterMember {
  memberId: string;
  name: string;
  gender: Gender;
  role: CommitteeMemberRole;
  active: boolean;
  specialities: string[];
  updatedAt: Date;
  deactivationReason: string;
}

export interface CommitteeRoster {
  committee: CommitteeRef;
  members: RosterMember[];
  updatedAt: Date | null;
}

export type RosterIssueCode =
  'TOO_FEW_MEMBERS' | 'TOO_MANY_MEMBERS' | 'NO_DIRECTOR' | 'SEVERAL_DIRECTORS' | 'NO_WOMAN_MEMBER';

export interface RosterIssue {
  code: RosterIssueCode;
  message: string;
}

/** Art. 8: 3-9 members. */
export const ROSTER_MIN_MEMBERS = 3;
export const ROSTER_MAX_MEMBERS = 9;

export const emptyRoster = (committee: CommitteeRef): CommitteeRoster => ({
  committee,
  members: [],
  updatedAt: null,
});

export interface RosterMemberInput {
  memberId: string;
  name: string;
  gender: Gender;
  role: CommitteeMemberRole;
  specialities: string[];
}

/** Adds the member, or updates (and reactivates) the member with that id. */
export function setRosterMember(
  current: CommitteeRoster,
  input: RosterMemberInput,
  now: Date,
): CommitteeRoster {
  const roster = structuredClone(current);
  const member: RosterMember = {
    ...input,
    specialities: [...new Set(input.specialities)],
    active: true,
    updatedAt: now,
    deactivationReason: '',
  };
  const at = roster.members.findIndex((m) => m.memberId === input.memberId);
  if (at >= 0) roster.members[at] = member;
  else roster.members.push(member);
  roster.updatedAt = now;
  return roster;
}

/** Takes a member off duty; the member stays on the roster (past cases name them). */
export function deactivateRosterMember(
  current: CommitteeRoster,
  memberId: string,
  reason: string,
  now: Date,
): CommitteeRoster {
  const roster = structuredClone(current);
  const member = roster.members.find((m) => m.memberId === memberId);
  if (!member) throw new InvalidInputError('member_id', `${memberId} is not on the roster`);
  if (!member.active) throw new RuleViolationError(`member ${memberId} is already inactive`);
  member.active = false;
  member.deactivationReason = reason;
  member.updatedAt = now;
  roster.updatedAt = now;
  return roster;
}

/**
 * Art. 8 as warnings: 3-9 active members, one director, a woman member. Reasoning points are not
 * committees, so their volunteers' roster has no such rules.
 */
export function rosterCompliance(roster: CommitteeRoster, isCommittee: boolean): RosterIssue[] {
  if (!isCommittee) return [];
  const active = roster.members.filter((m) => m.active);
  const directors = active.filter((m) => m.role === 'DIRECTOR').length;
  const issues: RosterIssue[] = [];
  if (active.length < ROSTER_MIN_MEMBERS)
    issues.push({
      code: 'TOO_FEW_MEMBERS',
      message: `${active.length} active member(s); a committee has ${ROSTER_MIN_MEMBERS} to ${ROSTER_MAX_MEMBERS} (art. 8)`,
    });
  if (active.length > ROSTER_MAX_MEMBERS)
    issues.push({
      code: 'TOO_MANY_MEMBERS',
      message: `${active.length} active members; a committee has ${ROSTER_MIN_MEMBERS} to ${ROSTER_MAX_MEMBERS} (art. 8)`,
    });
  if (directors === 0)
    issues.push({ code: 'NO_DIRECTOR', message: 'no active director (art. 8: 设主任一人)' });
  if (directors > 1)
    issues.push({
      code: 'SEVERAL_DIRECTORS',
      message: `${directors} active directors; a committee has one (art. 8)`,
    });
  if (!active.some((m) => m.gender === 'FEMALE'))
    issues.push({
      code: 'NO_WOMAN_MEMBER',
      message: 'no active woman member (art. 8: 应当有妇女成员)',
    });
  return issues;
}

/**
 * The roster members behind mediator ids, each active (art. 19: the committee holding the case
 * appoints from its own members); FAILED_PRECONDITION naming the ids otherwise.
 */
export function assignableMembers(roster: CommitteeRoster, mediatorIds: string[]): RosterMember[] {
  const byId = new Map(roster.members.map((m) => [m.memberId, m]));
  const missing = mediatorIds.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw new RuleViolationError(
      `not on the roster of ${roster.committee.code}: ${missing.join(', ')}; ` +
        'mediators are assigned from the roster of the committee holding the case',
    );
  const inactive = mediatorIds.filter((id) => !byId.get(id)!.active);
  if (inactive.length > 0)
    throw new RuleViolationError(
      `inactive on the roster of ${roster.committee.code}: ${inactive.join(', ')}`,
    );
  return mediatorIds.map((id) => byId.get(id)!);
}
