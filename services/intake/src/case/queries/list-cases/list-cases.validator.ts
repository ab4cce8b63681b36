import {
  commonV1,
  fromTimestamp,
  intakeV1,
  normalisePhone,
  normaliseResidentId,
  residentIdProblem,
} from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { INTAKE_LIMITS } from '../../domain/limits';
import { MIN_CASE_NUMBER_PART, MIN_NAME_PREFIX } from '../../persistence/case-search-keys';
import { validateTimestamp } from '../../validation/case-fields.validator';
import { Violations } from '../../validation/violations';
import { decodePageToken, type Cursor } from '../../../paging/page-token';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;
const MAX_CASE_NUMBER = 64;
const MAX_SUBJECT = 128;

/** A ListCases request checked and normalised: every value typed, ready to become a filter. */
export interface ListCasesCriteria {
  /** The requested subtree root ('' = the caller's own scope). */
  orgUnitCode: string;
  statuses: number[];
  categories: number[];
  sources: number[];
  channels: number[];
  registeredFrom?: Date;
  registeredTo?: Date;
  pageSize: number;
  after?: Cursor;
  /** '' when not searched for. */
  caseNumber: string;
  partyName: string;
  /** Normalised as OpenCase stores it (only ever hashed). */
  partyPhone: string;
  partyIdNumber: string;
  holderCommitteeCode: string;
  /** "me" already replaced by the caller's subject. */
  mediatorId: string;
  overdueOnly: boolean;
}

/** Why a party may not search for a person: it lists its own cases, and learns nobody else's. */
const NOT_FOR_PARTIES = 'not available to a party, whose list is its own cases';

/**
 * Checks every filter of a ListCases request (all problems at once, INVALID_ARGUMENT by field)
 * and normalises them. Phones and ID numbers are normalised exactly as OpenCase does before they
 * are hashed; the messages never repeat the value. For a party (`partyPhone`: the mobile it
 * proved) the person searches are refused: a name, an ID number, a phone other than its own.
 * ANDed with its own cases they would not widen the list, but they would tell it whether the
 * other parties of its cases have that name, number or phone.
 */
export function validateListCases(
  req: intakeV1.ListCasesRequest,
  context: { now: Date; directory: OrgDirectory; callerSubject: string; partyPhone?: string },
): ListCasesCriteria {
  const { now, directory } = context;
  const v = new Violations();
  req.statuses.forEach((s, i) => v.enumValue(`statuses[${i}]`, intakeV1.CaseStatus, s));
  req.categories.forEach((s, i) => v.enumValue(`categories[${i}]`, commonV1.DisputeCategory, s));
  req.sources.forEach((s, i) => v.enumValue(`sources[${i}]`, commonV1.CaseSource, s));
  req.channels.forEach((s, i) => v.enumValue(`channels[${i}]`, commonV1.Channel, s));
  validateTimestamp(v, 'registered.start_time', req.registered?.startTime ?? null, { now });
  validateTimestamp(v, 'registered.end_time', req.registered?.endTime ?? null, { now });
  const size = req.page?.pageSize ?? 0;
  if (size < 0) v.add('page.page_size', 'must not be negative');
  const token = req.page?.pageToken ?? '';
  const after = token ? decodePageToken(token) : undefined;
  if (token && !after) v.add('page.page_token', 'is not a token of this list');
  if (req.orgUnitCode && !directory.has(req.orgUnitCode))
    v.add('org_unit_code', 'unknown org unit');

  const caseNumber = req.caseNumber.trim();
  v.text('case_number', caseNumber, { max: MAX_CASE_NUMBER, kind: 'name' });
  if (caseNumber && [...caseNumber].length < MIN_CASE_NUMBER_PART)
    v.add('case_number', `at least ${MIN_CASE_NUMBER_PART} characters`);

  const partyName = req.partyName.trim();
  v.text('party_name', partyName, { max: INTAKE_LIMITS.name, kind: 'name' });
  if (partyName && [...partyName].length < MIN_NAME_PREFIX)
    v.add('party_name', `a full name, or a prefix of at least ${MIN_NAME_PREFIX} characters`);

  const phone = req.partyPhone ? normalisePhone(req.partyPhone)?.value : '';
  if (phone === undefined || req.partyPhone.length > INTAKE_LIMITS.phone)
    v.add(
      'party_phone',
      'expected a mainland mobile (1[3-9] + 9 digits) or a landline with area code',
    );

  const idNumber = req.partyIdNumber.trim();
  if (idNumber) {
    const problem = residentIdProblem(idNumber, now);
    if (problem) v.add('party_id_number', `not a resident ID number: ${problem}`);
  }

  const holder = req.holderCommitteeCode;
  if (holder && !directory.findCommittee(holder) && !directory.has(holder))
    v.add('holder_committee_code', 'unknown committee');

  v.text('mediator_id', req.mediatorId, { max: MAX_SUBJECT, kind: 'name' });
  if (context.partyPhone !== undefined) {
    if (req.partyName) v.add('party_name', NOT_FOR_PARTIES);
    if (req.partyIdNumber) v.add('party_id_number', NOT_FOR_PARTIES);
    if (req.partyPhone && phone !== undefined && phone !== context.partyPhone)
      v.add('party_phone', `${NOT_FOR_PARTIES} (its own number only)`);
  }
  v.throwIfAny();

  return {
    orgUnitCode: req.orgUnitCode,
    statuses: req.statuses,
    categories: req.categories,
    sources: req.sources,
    channels: req.channels,
    registeredFrom: req.registered?.startTime ? fromTimestamp(req.registered.startTime) : undefined,
    registeredTo: req.registered?.endTime ? fromTimestamp(req.registered.endTime) : undefined,
    pageSize: Math.min(size || DEFAULT_PAGE, MAX_PAGE),
    after,
    caseNumber,
    partyName,
    partyPhone: phone ?? '',
    partyIdNumber: idNumber ? normaliseResidentId(idNumber) : '',
    holderCommitteeCode: holder,
    mediatorId: req.mediatorId === 'me' ? context.callerSubject : req.mediatorId,
    overdueOnly: req.overdueOnly,
  };
}
