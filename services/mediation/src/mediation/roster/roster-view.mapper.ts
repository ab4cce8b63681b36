import { commonV1, enumNumber, mediationV1 } from '@mediation/contracts';
import { rosterCompliance, type CommitteeRoster } from '../domain';
import { ts } from '../mapping/domain-to-wire';

const E = mediationV1;

/** A roster as the contract's CommitteeRoster, with the art. 8 checks of the moment. */
export function rosterView(roster: CommitteeRoster, version: number): mediationV1.CommitteeRoster {
  const isCommittee =
    roster.committee.level !== commonV1.HandlingLevel.HANDLING_LEVEL_REASONING_POINT;
  return E.CommitteeRoster.fromPartial({
    committee: roster.committee,
    version: String(version),
    members: roster.members.map((m) => ({
      memberId: m.memberId,
      name: m.name,
      gender: enumNumber(E.Gender, 'GENDER_', m.gender),
      role: enumNumber(E.CommitteeMemberRole, 'COMMITTEE_MEMBER_ROLE_', m.role),
      active: m.active,
      specialities: m.specialities,
      updatedAt: ts(m.updatedAt),
      deactivationReason: m.deactivationReason,
    })),
    compliance: rosterCompliance(roster, isCommittee).map((i) => ({
      code: enumNumber(E.RosterIssueCode, 'ROSTER_ISSUE_CODE_', i.code),
      message: i.message,
    })),
    updatedAt: ts(roster.updatedAt),
  });
}
