import { commonV1 } from '@mediation/contracts';
import type { Committee, OrgDirectory } from '@mediation/org-directory';
import type { CommitteeRef } from '../domain';

const { HandlingLevel } = commonV1;

export function committeeRef(c: Committee): CommitteeRef {
  return {
    code: c.id,
    orgUnitCode: c.orgUnitCode,
    level: HandlingLevel[`HANDLING_LEVEL_${c.level}` as keyof typeof HandlingLevel] as number,
  };
}

/** A reasoning point's volunteers as handler: the point's own code, level REASONING_POINT. */
export function pointRef(pointCode: string): CommitteeRef {
  return {
    code: pointCode,
    orgUnitCode: pointCode,
    level: HandlingLevel.HANDLING_LEVEL_REASONING_POINT,
  };
}

/**
 * The first handler of a case at `orgUnitCode`: a reasoning point handles its own cases (its
 * volunteers settle on the spot or pass them up), any other unit's cases go to the committee
 * the directory names for it.
 */
export function firstHandler(directory: OrgDirectory, orgUnitCode: string): CommitteeRef {
  const unit = directory.successor(orgUnitCode);
  if (unit.level === 'POINT') return pointRef(unit.code);
  return committeeRef(directory.committeeFor(unit.code));
}

/** A handler by code: a committee id or a reasoning point's code; undefined when unknown. */
export function handlerByCode(directory: OrgDirectory, code: string): CommitteeRef | undefined {
  const committee = directory.findCommittee(code);
  if (committee) return committeeRef(committee);
  const unit = directory.lookup(code);
  return unit?.level === 'POINT' ? pointRef(unit.code) : undefined;
}
