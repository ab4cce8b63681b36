import { commonV1, type intakeV1 } from '@mediation/contracts';
import type { OrgDirectory, OrgUnit } from '@mediation/org-directory';
import type { z } from '@mediation/config';
import type { applicationBody } from './party.schemas';

type Application = z.output<typeof applicationBody>;

/**
 * The party app's application as intake's OpenCase: online, the party's own application, the
 * applicant first with the proven mobile, the others after it. What the committee assesses (risk,
 * people, amounts) is left to the committee.
 */
export function toOpenCaseRequest(
  a: Application,
  mobile: string,
): Partial<intakeV1.OpenCaseRequest> {
  const person = commonV1.PartyKind.PARTY_KIND_PERSON;
  return {
    idempotencyKey: a.idempotencyKey,
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_ONLINE,
    orgUnitCode: a.orgUnitCode,
    category: commonV1.DisputeCategory[a.category as keyof typeof commonV1.DisputeCategory],
    description: a.description,
    disputeStartedAt: a.disputeStartedAt,
    peopleInvolved: 1 + a.respondents.length,
    parties: [
      {
        kind: person,
        role: commonV1.PartyRole.PARTY_ROLE_APPLICANT,
        name: a.applicant.name,
        ...(a.applicant.idNumber
          ? { idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD, idNumber: a.applicant.idNumber }
          : {}),
        phone: mobile,
        address: a.applicant.address ?? '',
        consent: commonV1.ConsentState.CONSENT_STATE_GIVEN,
      },
      ...a.respondents.map((r) => ({
        kind: commonV1.PartyKind[r.kind],
        role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
        name: r.name,
        phone: r.phone ?? '',
        address: r.address ?? '',
      })),
    ] as commonV1.Party[],
  };
}

/** A field intake names ("parties[2].phone") as the application names it ("respondents[1].phone"). */
export function wireFieldOfApplication(field: string): string {
  const m = /^parties\[(\d+)\](.*)$/.exec(field);
  if (!m) return field;
  const index = Number(m[1]);
  return index === 0 ? `applicant${m[2]}` : `respondents[${index - 1}]${m[2]}`;
}

const PLACE_LEVELS = new Set(['DISTRICT', 'STREET', 'COMMUNITY', 'POINT']);

/**
 * The places under `parent` (the city's districts without one) that a dispute may be filed at,
 * active ones only, by name; undefined when `parent` is no such place.
 */
export function partyPlaces(directory: OrgDirectory, parent?: string) {
  const city = directory.units('CITY')[0];
  const under = parent ? directory.lookup(parent) : city;
  if (!under || !directory.isActive(under.code)) return undefined;
  if (under !== city && !PLACE_LEVELS.has(under.level)) return undefined;
  return directory
    .children(under.code)
    .filter((u: OrgUnit) => u.active && PLACE_LEVELS.has(u.level))
    .map((u: OrgUnit) => ({
      code: u.code,
      name: u.name,
      level: u.level,
      hasChildren: directory.children(u.code).some((c) => c.active),
    }));
}
