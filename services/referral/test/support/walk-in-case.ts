import { randomUUID } from 'node:crypto';
import { commonV1, intakeV1 } from '@mediation/contracts';

/**
 * A party's walk-in application at a reasoning point, as OpenCase takes it (a fresh idempotency
 * key each time): a neighbours' dispute between two persons unless `over` says otherwise.
 */
export function walkInCase(
  point: string,
  over: Parameters<typeof intakeV1.OpenCaseRequest.fromPartial>[0] = {},
): intakeV1.OpenCaseRequest {
  return intakeV1.OpenCaseRequest.fromPartial({
    idempotencyKey: randomUUID(),
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_WALK_IN,
    platformLevel: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
    orgUnitCode: point,
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    parties: [
      { kind: 1, role: commonV1.PartyRole.PARTY_ROLE_APPLICANT, name: '王秀英' },
      { kind: 1, role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT, name: '李建国' },
    ],
    description: '楼上漏水，协商未果',
    ...over,
  });
}
