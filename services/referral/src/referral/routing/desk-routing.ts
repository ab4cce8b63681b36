import type { OrgDirectory } from '@mediation/org-directory';
import { invalid } from '../domain/referral.errors';
import type { DeskRef, InstitutionType } from '../domain/referral.types';
import { institutionTypeFromDirectory, institutionTypeToDirectory } from '../referral.codes';

const CITY = '210200';

/**
 * The desk a referral goes to: the requested desk if one was named (it must belong to an
 * institution of the requested type), else the first desk of that type's institution serving the
 * case's district, else the city's.
 */
export function routeToDesk(
  directory: OrgDirectory,
  institutionType: InstitutionType,
  orgUnitCode: string,
  deskCode = '',
): DeskRef {
  if (deskCode) {
    const desk = directory.findDesk(deskCode);
    if (!desk) throw invalid('desk_code', `unknown desk ${deskCode}`);
    const institution = directory.institution(desk.institutionId);
    const type = institutionTypeFromDirectory(institution.type);
    if (type !== institutionType)
      throw invalid('desk_code', `desk ${deskCode} is not at a ${institutionType} institution`);
    return { code: desk.id, institutionCode: institution.id, institutionType: type };
  }
  const type = institutionTypeToDirectory(institutionType);
  const district = directory.lookup(orgUnitCode)
    ? directory.districtOf(orgUnitCode)?.code
    : undefined;
  const institution = [district, CITY]
    .filter((code): code is string => !!code)
    .map((code) => directory.institutions({ type, orgUnitCode: code })[0])
    .find((i) => i && i.desks.length > 0);
  if (!institution)
    throw invalid('institution_type', `no ${institutionType} desk serves ${orgUnitCode}`);
  return {
    code: institution.desks[0].id,
    institutionCode: institution.id,
    institutionType,
  };
}
