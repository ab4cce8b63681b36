import { randomUUID } from 'node:crypto';
import { commonV1 } from '@mediation/contracts';
import { orgDirectory, type Committee, type Desk, type OrgUnit } from '@mediation/org-directory';

const { Role } = commonV1;
export type Principal = commonV1.Principal;

const short = () => randomUUID().slice(0, 8);

/**
 * The people of one journey, as the services' scope checks expect them: staff carry the org unit
 * they work in and the handler they belong to (`committee_code`: a committee id, or a reasoning
 * point's own code for its volunteers); stationed lawyers carry their desk and institution.
 */
export const principals = {
  volunteer: (point: string): Principal =>
    commonV1.Principal.fromPartial({
      subject: `volunteer-${short()}`,
      roles: [Role.ROLE_VOLUNTEER],
      orgUnitCode: point,
      committeeCode: point,
      displayName: '评理说事点志愿者',
    }),
  mediator: (committee: Committee): Principal =>
    commonV1.Principal.fromPartial({
      subject: `mediator-${committee.id}-${short()}`,
      roles: [Role.ROLE_MEDIATOR],
      orgUnitCode: committee.orgUnitCode,
      committeeCode: committee.id,
      displayName: `调解员（${committee.name}）`,
    }),
  lawyer: (desk: Desk): Principal =>
    commonV1.Principal.fromPartial({
      subject: `lawyer-${desk.id}-${short()}`,
      roles: [Role.ROLE_STATIONED_LAWYER],
      deskCode: desk.id,
      institutionCode: desk.institutionId,
      displayName: '驻点律师',
    }),
  administrator: (): Principal =>
    commonV1.Principal.fromPartial({
      subject: `admin-${short()}`,
      roles: [Role.ROLE_ADMINISTRATOR],
      orgUnitCode: orgDirectory().city.code,
      displayName: '系统管理员',
    }),
  analyst: (): Principal =>
    commonV1.Principal.fromPartial({
      subject: `analyst-${short()}`,
      roles: [Role.ROLE_ANALYST],
      orgUnitCode: orgDirectory().city.code,
      displayName: '分析员',
    }),
};

/** A reasoning point with the chain of handlers above it and its district's basic court. */
export interface Place {
  point: OrgUnit;
  community: OrgUnit;
  street: OrgUnit;
  district: OrgUnit;
  /** Committees one above the other: community, street, district (each `escalationTarget`). */
  committees: { community: Committee; street: Committee; district: Committee };
  court: { id: string; name: string; desk: Desk };
}

/**
 * The n-th active reasoning point (in directory order) whose community, street and district
 * committees are active and whose district has a basic court with a desk.
 */
export function reasoningPoint(n = 0): Place {
  const dir = orgDirectory();
  const places: Place[] = [];
  for (const point of dir.units('POINT')) {
    if (!point.active) continue;
    const community = dir.parent(point.code);
    const street = community && dir.parent(community.code);
    const district = dir.districtOf(point.code);
    if (!community?.active || !street?.active || !district?.active) continue;
    const c = dir.committeeFor(point.code);
    const s = dir.escalationTarget(c.id);
    const d = s && dir.escalationTarget(s.id);
    if (!c.active || !s?.active || !d?.active) continue;
    if (s.orgUnitCode !== street.code || d.orgUnitCode !== district.code) continue;
    const court = dir.competentBasicCourt(point.code);
    const desk = court?.desks[0];
    if (!court || !desk) continue;
    places.push({
      point,
      community,
      street,
      district,
      committees: { community: c, street: s, district: d },
      court: { id: court.id, name: court.name, desk },
    });
    if (places.length > n) return places[n];
  }
  throw new Error(`the org directory has fewer than ${n + 1} usable reasoning points`);
}
