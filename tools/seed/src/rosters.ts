import { mediationV1, referralV1 } from '@mediation/contracts';
import type { DemoLine } from './loader';

// The committees the demo users work in get a roster, so that a mediator signing in can assign
// mediators at once; the demo lawyer's desk gets its staff. Member ids of the demo users are their
// subjects in the gateway's development issuer (services/gateway/src/auth/demo-users.ts), so their
// workload is theirs.

const { Gender, CommitteeMemberRole: R } = mediationV1;

export interface RosterSeat {
  memberId: string;
  name: string;
  gender: mediationV1.Gender;
  role: mediationV1.CommitteeMemberRole;
  specialities: string[];
}

/** Rosters by committee code (or reasoning point code): art. 8-compliant committees. */
export function demoRosters(demo: DemoLine): Map<string, RosterSeat[]> {
  const seat = (
    memberId: string,
    name: string,
    gender: mediationV1.Gender,
    role: mediationV1.CommitteeMemberRole,
    specialities: string[] = [],
  ): RosterSeat => ({ memberId, name, gender, role, specialities });
  const c = demo.communityCommitteeCode;
  const s = demo.streetCommitteeCode;
  return new Map([
    [
      c,
      [
        seat(`${c}-01`, '刘淑芬', Gender.GENDER_FEMALE, R.COMMITTEE_MEMBER_ROLE_DIRECTOR, [
          '婚姻家庭',
        ]),
        seat('demo-mediator', '李调解', Gender.GENDER_MALE, R.COMMITTEE_MEMBER_ROLE_MEMBER, [
          '邻里',
        ]),
        seat(`${c}-02`, '张建国', Gender.GENDER_MALE, R.COMMITTEE_MEMBER_ROLE_MEMBER, ['物业']),
        seat(`${c}-03`, '王秀兰', Gender.GENDER_FEMALE, R.COMMITTEE_MEMBER_ROLE_DEPUTY_DIRECTOR),
      ],
    ],
    [
      s,
      [
        seat(
          'demo-committee-admin',
          '赵主任',
          Gender.GENDER_MALE,
          R.COMMITTEE_MEMBER_ROLE_DIRECTOR,
        ),
        seat(`${s}-01`, '陈丽', Gender.GENDER_FEMALE, R.COMMITTEE_MEMBER_ROLE_MEMBER, ['劳动']),
        seat(`${s}-02`, '孙明', Gender.GENDER_MALE, R.COMMITTEE_MEMBER_ROLE_MEMBER, ['合同']),
      ],
    ],
    [
      demo.pointCode,
      [
        seat('demo-volunteer', '王志愿', Gender.GENDER_FEMALE, R.COMMITTEE_MEMBER_ROLE_MEMBER),
        seat(`${demo.pointCode}-01`, '李德福', Gender.GENDER_MALE, R.COMMITTEE_MEMBER_ROLE_MEMBER),
      ],
    ],
  ]);
}

/**
 * A roster for a handler of the generated history that keeps none: three members, a woman
 * director among them (art. 8); the staff member who acts for the handler is the first.
 */
export function standingRoster(code: string, actingSubject: string): RosterSeat[] {
  return [
    {
      memberId: actingSubject,
      name: '周明',
      gender: Gender.GENDER_MALE,
      role: R.COMMITTEE_MEMBER_ROLE_MEMBER,
      specialities: [],
    },
    {
      memberId: `${code}-01`,
      name: '杨桂兰',
      gender: Gender.GENDER_FEMALE,
      role: R.COMMITTEE_MEMBER_ROLE_DIRECTOR,
      specialities: [],
    },
    {
      memberId: `${code}-02`,
      name: '吴国强',
      gender: Gender.GENDER_MALE,
      role: R.COMMITTEE_MEMBER_ROLE_DEPUTY_DIRECTOR,
      specialities: [],
    },
  ];
}

/** A desk's staff as AssignDeskStaff takes it. */
export interface DeskSeat {
  lawyerId: string;
  displayName: string;
  role: referralV1.DeskStaffRole;
}

/**
 * The demo lawyer's desk gets its staff: the lawyer (the development issuer's subject, so the
 * desk inbox's "mine" is theirs), a colleague to hand a referral to, and the supervisor whom an
 * overdue referral escalates to (docs/referral.md), instead of an empty roster.
 */
export function demoDeskStaff(demo: DemoLine): Map<string, DeskSeat[]> {
  const d = demo.courtDeskCode;
  const { DESK_STAFF_ROLE_LAWYER: LAWYER, DESK_STAFF_ROLE_SUPERVISOR: SUPERVISOR } =
    referralV1.DeskStaffRole;
  return new Map([
    [
      d,
      [
        { lawyerId: 'demo-lawyer', displayName: '陈律师', role: LAWYER },
        { lawyerId: `${d}-01`, displayName: '刘晓明', role: LAWYER },
        { lawyerId: `${d}-supervisor`, displayName: '郑红', role: SUPERVISOR },
      ],
    ],
  ]);
}
