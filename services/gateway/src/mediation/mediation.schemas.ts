import { z } from '@mediation/config';
import { commonV1, mediationV1 } from '@mediation/contracts';
import { enumList, id, orgUnitCode, pageQuery, timestamp } from '../validation/common.schemas';

export const mediationParams = z.object({ mediationId: id });
/** The agreement in Chinese (the document itself) or its English reference copy. */
export const agreementQuery = z.strictObject({ lang: z.enum(['zh', 'en']).default('zh') });
export const commandParams = z.object({ mediationId: id, action: z.string().max(64) });

export const listMediationsQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  status: enumList(mediationV1.MediationStatus),
  category: enumList(commonV1.DisputeCategory),
  level: enumList(commonV1.HandlingLevel),
  createdFrom: timestamp.optional(),
  createdTo: timestamp.optional(),
  ...pageQuery,
});

export const workloadQuery = z.object({
  committeeCode: id.optional(),
  orgUnitCode: orgUnitCode.optional(),
  mediatorId: id.optional(),
  dueSoonDays: z.coerce.number().int().min(1).max(90).optional(),
  ...pageQuery,
});

export const deadlinesQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  committeeCode: id.optional(),
  mediatorId: id.optional(),
  kind: enumList(mediationV1.DeadlineKind),
  status: enumList(mediationV1.DeadlineStatus),
  dueFrom: timestamp.optional(),
  dueTo: timestamp.optional(),
  ...pageQuery,
});
