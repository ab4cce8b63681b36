import { z } from '@mediation/config';
import { mediationV1 as m } from '@mediation/contracts';
import { expectedVersion, id, protoEnum, requiredText } from '../validation/common.schemas';

/** A committee id (e.g. MC-210202002001) or a reasoning point's code. */
export const rosterParams = z.object({ committeeCode: id });
export const rosterMemberParams = z.object({ committeeCode: id, memberId: id.max(64) });

export const setRosterMemberBody = z.strictObject({
  /** The roster version last read; 0 when the committee has no roster yet. */
  expectedVersion,
  name: requiredText(100),
  gender: protoEnum(m.Gender),
  role: protoEnum(m.CommitteeMemberRole),
  specialities: z.array(requiredText(50)).max(20).default([]),
});

export const deactivateRosterMemberBody = z.strictObject({
  expectedVersion,
  reason: requiredText(500),
});
