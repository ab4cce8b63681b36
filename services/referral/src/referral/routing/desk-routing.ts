import { InvalidInputError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
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
    const desk = deskByCode(directory, deskCode, 'desk_code');
    if (desk.institutionType !== institutionType)
      throw new InvalidInputError(
        'desk_code',
        `desk ${deskCode} is not at a ${institutionType} institution`,
      );
    return desk;
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
    throw new InvalidInputError(
      'institution_type',
      `no ${institutionType} desk serves ${orgUnitCode}`,
    );
  return {
    code: institution.desks[0].id,
    institutionCode: institution.id,
    institutionType,
  };
}

/**
 * A desk of the directory named in a request, with its institution; an unknown one is refused as
 * an invalid `field` (the directory's own lookups would throw an OrgDirectoryError instead).
 */
export function deskByCode(directory: OrgDirectory, deskCode: string, field: string): DeskRef {
  const desk = directory.findDesk(deskCode);
  const institution = desk ? directory.findInstitution(desk.institutionId) : undefined;
  if (!desk || !institution) throw new InvalidInputError(field, `unknown desk ${deskCode}`);
  return {
    code: desk.id,
    institutionCode: institution.id,
    institutionType: institutionTypeFromDirectory(institution.type),
  };
}
