// Typed errors. Rule of the API: `lookup`/`find*` return undefined for an unknown key; every other
// method throws one of these, so a typo never passes silently as "no parent" or "no committees".

export type OrgDirectoryErrorCode =
  | 'UNKNOWN_ORG_UNIT'
  | 'UNKNOWN_COMMITTEE'
  | 'UNKNOWN_INSTITUTION'
  | 'UNKNOWN_DESK'
  | 'INVALID_DIRECTORY_DATA';

export class OrgDirectoryError extends Error {
  constructor(
    readonly code: OrgDirectoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownOrgUnitError extends OrgDirectoryError {
  constructor(readonly orgUnitCode: string) {
    super('UNKNOWN_ORG_UNIT', `Unknown org unit code: ${JSON.stringify(orgUnitCode)}`);
  }
}

export class UnknownCommitteeError extends OrgDirectoryError {
  constructor(readonly committeeId: string) {
    super('UNKNOWN_COMMITTEE', `Unknown mediation committee id: ${JSON.stringify(committeeId)}`);
  }
}

export class UnknownInstitutionError extends OrgDirectoryError {
  constructor(readonly institutionId: string) {
    super('UNKNOWN_INSTITUTION', `Unknown institution id: ${JSON.stringify(institutionId)}`);
  }
}

export class UnknownDeskError extends OrgDirectoryError {
  constructor(readonly deskId: string) {
    super('UNKNOWN_DESK', `Unknown desk id: ${JSON.stringify(deskId)}`);
  }
}

/** The data file is malformed: thrown once, at load time, listing the first problems found. */
export class InvalidDirectoryDataError extends OrgDirectoryError {
  constructor(readonly problems: readonly string[]) {
    super(
      'INVALID_DIRECTORY_DATA',
      `Invalid org directory data (${problems.length} problem(s)): ${problems.slice(0, 10).join('; ')}`,
    );
  }
}
