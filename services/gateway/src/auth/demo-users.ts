import type { OrgDirectory } from '@mediation/org-directory';
import type { TokenClaims } from './token-claims';

/** A seeded user of the development issuer (never available in production). */
export interface DemoUser {
  id: string;
  /** What the console's login list shows. */
  label: { zh: string; en: string };
  claims: TokenClaims;
}

/**
 * One user per role, placed along one line of the hierarchy so that the journeys meet: the
 * volunteer's reasoning point lies under the mediator's community, under the committee admin's
 * street; the lawyer sits at the basic court of that district; the analyst sees the whole city.
 * A second mediator in another district is there to show (and test) what is out of scope.
 */
export function demoUsers(directory: OrgDirectory): DemoUser[] {
  const point = directory.units('POINT').find((u) => u.active)!;
  const community = directory.parent(point.code)!;
  const street = directory.parent(community.code)!;
  const district = directory.districtOf(point.code)!;
  const otherCommunity = directory
    .units('COMMUNITY')
    .find((c) => c.active && directory.districtOf(c.code)!.code !== district.code)!;
  const court =
    directory.competentBasicCourt(point.code) ??
    directory.institutions({ type: 'COURT' }).find((i) => i.desks.length > 0)!;
  const desk = court.desks[0];
  const committeeOf = (code: string) => directory.committeeFor(code).id;

  const users: DemoUser[] = [
    {
      id: 'volunteer',
      label: { zh: `评理说事点志愿者（${point.name}）`, en: `Volunteer, ${point.code}` },
      claims: {
        sub: 'demo-volunteer',
        name: '王志愿',
        roles: ['VOLUNTEER'],
        org_unit_code: point.code,
        committee_code: point.code,
      },
    },
    {
      id: 'mediator',
      label: { zh: `社区调解员（${community.name}）`, en: `Mediator, ${community.code}` },
      claims: {
        sub: 'demo-mediator',
        name: '李调解',
        roles: ['MEDIATOR'],
        org_unit_code: community.code,
        committee_code: committeeOf(community.code),
      },
    },
    {
      id: 'committee-admin',
      label: { zh: `街道调委会管理员（${street.name}）`, en: `Committee admin, ${street.code}` },
      claims: {
        sub: 'demo-committee-admin',
        name: '赵主任',
        roles: ['COMMITTEE_ADMIN', 'MEDIATOR'],
        org_unit_code: street.code,
        committee_code: committeeOf(street.code),
      },
    },
    {
      id: 'lawyer',
      label: { zh: `驻点律师（${court.name}）`, en: `Stationed lawyer, ${desk.id}` },
      claims: {
        sub: 'demo-lawyer',
        name: '陈律师',
        roles: ['STATIONED_LAWYER'],
        org_unit_code: court.orgUnitCode,
        desk_code: desk.id,
        institution_code: court.id,
      },
    },
    {
      id: 'analyst',
      label: { zh: `数据分析员（${directory.city.name}）`, en: `Analyst, ${directory.city.code}` },
      claims: {
        sub: 'demo-analyst',
        name: '孙分析',
        roles: ['ANALYST'],
        org_unit_code: directory.city.code,
      },
    },
    {
      id: 'administrator',
      label: { zh: '平台管理员', en: 'Administrator' },
      claims: {
        sub: 'demo-administrator',
        name: '周管理',
        roles: ['ADMINISTRATOR'],
        org_unit_code: directory.city.code,
      },
    },
    {
      id: 'mediator-elsewhere',
      label: {
        zh: `其他区调解员（${otherCommunity.name}）`,
        en: `Mediator, ${otherCommunity.code}`,
      },
      claims: {
        sub: 'demo-mediator-2',
        name: '吴调解',
        roles: ['MEDIATOR'],
        org_unit_code: otherCommunity.code,
        committee_code: committeeOf(otherCommunity.code),
      },
    },
  ];
  return users;
}
