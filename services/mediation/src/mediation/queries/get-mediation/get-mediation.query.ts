import type { mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { mediationView } from '../../mapping/mediation-view.mapper';
import { readableMediation, type ReadSources } from '../scoped-reads';

/** The full state and timeline (mediation id = case id, so either key finds it). */
export async function getMediation(
  sources: ReadSources,
  req: mediationV1.GetMediationRequest,
  { principal }: RpcCall,
): Promise<mediationV1.GetMediationResponse> {
  const { state, version } = await readableMediation(
    sources,
    principal,
    req.mediationId ?? req.caseId ?? '',
  );
  return { mediation: mediationView(state, version) };
}
