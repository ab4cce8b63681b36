import type { Metadata } from '@grpc/grpc-js';
import type { mediationV1 } from '@mediation/contracts';
import { mediationView } from '../../mapping/mediation-view.mapper';
import { readableMediation, type QueryDeps } from '../query-context';

/** The full state and timeline (mediation id = case id, so either key finds it). */
export async function getMediation(
  deps: QueryDeps,
  req: mediationV1.GetMediationRequest,
  metadata: Metadata,
): Promise<mediationV1.GetMediationResponse> {
  const { state, version } = await readableMediation(
    deps,
    metadata,
    req.mediationId ?? req.caseId ?? '',
  );
  return { mediation: mediationView(state, version) };
}
