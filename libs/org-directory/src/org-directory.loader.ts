// Reading and checking the data file. The file sits in <package>/data and this module in
// <package>/src (jest, ts sources) or <package>/dist (after build): one level down either way, so
// the default path resolves from __dirname in both. Deployments must ship data/ beside dist/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidDirectoryDataError } from './org-directory.errors';
import {
  COMMITTEE_LEVELS,
  INDUSTRIES,
  INSTITUTION_TYPES,
  ORG_LEVELS,
  type OrgDirectoryData,
  type OrgLevel,
} from './org-directory.types';

export const SUPPORTED_SCHEMA_VERSION = 1;
export const DEFAULT_DATA_FILE = resolve(__dirname, '..', 'data', 'dalian-org-directory.v1.json');

export function loadOrgDirectoryData(file: string = DEFAULT_DATA_FILE): OrgDirectoryData {
  const data = JSON.parse(readFileSync(file, 'utf8')) as OrgDirectoryData;
  validateOrgDirectoryData(data);
  return data;
}

const CODE_PATTERN: Record<OrgLevel, RegExp> = {
  CITY: /^\d{6}$/,
  DISTRICT: /^\d{6}$/,
  STREET: /^\d{9}$/,
  COMMUNITY: /^\d{12}$/,
  POINT: /^\d{12}P\d{2}$/,
};

/** A landline with its area code (0411-12345678), a mobile, or a service number (12348). */
const COMMITTEE_PHONE = /^(0\d{2,3}-\d{7,8}|1\d{10}|\d{5})$/;

/**
 * Structural checks, O(n): unique keys, known enums, the code scheme, parent levels, references
 * from committees and institutions, one general committee per city/district/street/community.
 * Throws InvalidDirectoryDataError listing what is wrong.
 */
export function validateOrgDirectoryData(data: OrgDirectoryData): void {
  const problems: string[] = [];
  const fail = (msg: string) => {
    if (problems.length < 50) problems.push(msg);
  };
  if (data?.schemaVersion !== SUPPORTED_SCHEMA_VERSION) {
    throw new InvalidDirectoryDataError([
      `schemaVersion ${data?.schemaVersion} is not ${SUPPORTED_SCHEMA_VERSION}`,
    ]);
  }
  // (checked through unknown: Array.isArray on a readonly array would widen it to any[])
  const lists: unknown[] = [data.orgUnits, data.committees, data.institutions];
  if (typeof data.dataVersion !== 'string' || !lists.every((l) => Array.isArray(l))) {
    throw new InvalidDirectoryDataError([
      'dataVersion, orgUnits, committees and institutions are required',
    ]);
  }

  const units = new Map(data.orgUnits.map((u) => [u.code, u]));
  if (units.size !== data.orgUnits.length) fail('duplicate org unit codes');
  let cities = 0;
  for (const u of data.orgUnits) {
    const depth = ORG_LEVELS.indexOf(u.level);
    if (depth < 0) {
      fail(`${u.code}: unknown level ${u.level}`);
      continue;
    }
    if (!CODE_PATTERN[u.level].test(u.code)) fail(`${u.code}: code does not fit level ${u.level}`);
    if (typeof u.active !== 'boolean') fail(`${u.code}: active must be a boolean`);
    if (u.level === 'CITY') {
      cities++;
      if (u.parentCode !== null) fail(`${u.code}: the city has no parent`);
      continue;
    }
    const parent = u.parentCode === null ? undefined : units.get(u.parentCode);
    if (!parent) {
      fail(`${u.code}: unknown parent ${u.parentCode}`);
      continue;
    }
    if (ORG_LEVELS.indexOf(parent.level) !== depth - 1)
      fail(`${u.code}: parent ${parent.code} is ${parent.level}`);
    const prefix = u.level === 'DISTRICT' ? parent.code.slice(0, 4) : parent.code;
    if (!u.code.startsWith(prefix)) fail(`${u.code}: code does not start with ${prefix}`);
    if (u.active && !parent.active) fail(`${u.code}: active under inactive ${parent.code}`);
    if (u.mergedInto !== undefined) {
      const into = units.get(u.mergedInto);
      if (u.active || !into || !into.active || into.level !== u.level)
        fail(`${u.code}: bad mergedInto ${u.mergedInto}`);
    }
  }
  if (cities !== 1) fail(`expected exactly one CITY, found ${cities}`);

  const committeeIds = new Set<string>();
  const shortNames = new Set<string>();
  const general = new Set<string>();
  for (const c of data.committees) {
    if (committeeIds.has(c.id)) fail(`duplicate committee id ${c.id}`);
    committeeIds.add(c.id);
    if (shortNames.has(c.shortName)) fail(`${c.id}: duplicate shortName ${c.shortName}`);
    // A case number's digits are then only its year and its sequence, which its search relies on.
    if (/[0-9]/.test(c.shortName)) fail(`${c.id}: shortName ${c.shortName} holds digits`);
    shortNames.add(c.shortName);
    if (!COMMITTEE_LEVELS.includes(c.level)) fail(`${c.id}: unknown level ${c.level}`);
    if (c.office !== undefined && (typeof c.office !== 'string' || !c.office.trim()))
      fail(`${c.id}: empty office`);
    if (c.phone !== undefined && !COMMITTEE_PHONE.test(String(c.phone)))
      fail(`${c.id}: bad phone ${c.phone}`);
    const at = units.get(c.orgUnitCode);
    if (!at) {
      fail(`${c.id}: unknown orgUnitCode ${c.orgUnitCode}`);
    } else if (c.level === 'INDUSTRY') {
      if (!c.industry || !INDUSTRIES.includes(c.industry))
        fail(`${c.id}: bad industry ${c.industry}`);
      if (at.level !== 'CITY' && at.level !== 'DISTRICT')
        fail(`${c.id}: industry committee at ${at.level}`);
    } else {
      if (at.level !== c.level) fail(`${c.id}: ${c.level} committee at a ${at.level}`);
      if (general.has(at.code)) fail(`${c.id}: second general committee at ${at.code}`);
      general.add(at.code);
    }
  }
  for (const u of data.orgUnits) {
    if (u.level !== 'POINT' && !general.has(u.code)) fail(`${u.code}: no committee`);
  }

  const institutionIds = new Set<string>();
  const deskIds = new Set<string>();
  for (const i of data.institutions) {
    if (institutionIds.has(i.id)) fail(`duplicate institution id ${i.id}`);
    institutionIds.add(i.id);
    if (!INSTITUTION_TYPES.includes(i.type)) fail(`${i.id}: unknown type ${i.type}`);
    const at = units.get(i.orgUnitCode);
    if (!at || (at.level !== 'CITY' && at.level !== 'DISTRICT'))
      fail(`${i.id}: must serve the city or a district`);
    if (!Array.isArray(i.desks as unknown) || i.desks.length === 0) fail(`${i.id}: no desks`);
    for (const d of i.desks ?? []) {
      if (deskIds.has(d.id)) fail(`duplicate desk id ${d.id}`);
      deskIds.add(d.id);
      if (!Number.isInteger(d.deskCapacity) || d.deskCapacity < 1)
        fail(`${d.id}: bad deskCapacity`);
    }
  }

  if (problems.length > 0) throw new InvalidDirectoryDataError(problems);
}
