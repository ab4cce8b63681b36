import { commonV1, normalisePhone, residentIdProblem } from '@mediation/contracts';
import { INTAKE_LIMITS } from '../domain/limits';
import type { Violations } from './violations';

const { IdType, PartyRole } = commonV1;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const OTHER_ID = /^[A-Za-z0-9-]{4,32}$/;

/** One party's fields; `path` is e.g. "parties[2]". */
export function validateParty(
  v: Violations,
  path: string,
  party: commonV1.Party,
  now: Date,
  knownPartyIds: ReadonlySet<string> = new Set(),
): void {
  v.enumValue(`${path}.kind`, commonV1.PartyKind, party.kind);
  v.enumValue(`${path}.role`, PartyRole, party.role);
  v.enumValue(`${path}.consent`, commonV1.ConsentState, party.consent, false);
  v.text(`${path}.name`, party.name, { max: INTAKE_LIMITS.name, required: true, kind: 'name' });
  v.text(`${path}.address`, party.address, { max: INTAKE_LIMITS.address });
  if (party.partyId && !knownPartyIds.has(party.partyId))
    v.add(`${path}.party_id`, 'is assigned by intake: leave it empty or keep an existing one');

  if (party.idNumber || party.idType !== IdType.ID_TYPE_UNSPECIFIED) {
    v.enumValue(`${path}.id_type`, IdType, party.idType);
    const id = party.idNumber;
    if (!id) v.add(`${path}.id_number`, 'is required with an id_type');
    else if (id.length > INTAKE_LIMITS.idNumber)
      v.add(`${path}.id_number`, `at most ${INTAKE_LIMITS.idNumber} characters`);
    else if (party.idType === IdType.ID_TYPE_RESIDENT_ID_CARD) {
      const problem = residentIdProblem(id, now);
      if (problem) v.add(`${path}.id_number`, problem);
    } else if (party.idType === IdType.ID_TYPE_UNIFIED_SOCIAL_CREDIT_CODE) {
      if (!USCC.test(id))
        v.add(`${path}.id_number`, 'is not an 18-character unified social credit code');
    } else if (!OTHER_ID.test(id)) v.add(`${path}.id_number`, 'has an invalid format');
  }
  if (party.phone) {
    if (party.phone.length > INTAKE_LIMITS.phone || !normalisePhone(party.phone))
      v.add(
        `${path}.phone`,
        'expected a mainland mobile (1[3-9] + 9 digits) or a landline with area code',
      );
  }
}

/** At least one applicant and one respondent, each party valid. */
export function validateParties(
  v: Violations,
  field: string,
  parties: commonV1.Party[],
  now: Date,
  knownPartyIds?: ReadonlySet<string>,
): void {
  if (parties.length > INTAKE_LIMITS.parties) {
    v.add(field, `at most ${INTAKE_LIMITS.parties} parties`);
    return;
  }
  parties.forEach((p, i) => validateParty(v, `${field}[${i}]`, p, now, knownPartyIds));
  if (!parties.some((p) => p.role === PartyRole.PARTY_ROLE_APPLICANT))
    v.add(field, 'at least one applicant is required');
  if (!parties.some((p) => p.role === PartyRole.PARTY_ROLE_RESPONDENT))
    v.add(field, 'at least one respondent is required');
}
