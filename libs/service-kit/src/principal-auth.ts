import { Metadata, ServerInterceptingCall, status, type ServerInterceptor } from '@grpc/grpc-js';
import {
  principalTokensFor,
  PrincipalTokenError,
  type PrincipalSigner,
  type PrincipalVerifier,
} from '@mediation/auth';
import { principalTokenEnv, z } from '@mediation/config';
import { METADATA_KEYS, setPrincipal } from '@mediation/contracts';

/** The standard health service answers anyone: kubelet's probes carry no principal. */
const OPEN_PATH_PREFIXES = ['/grpc.health.v1.Health/'];

/**
 * Authenticates every call before a handler sees it: the caller's x-principal-token must verify
 * (signature of a trusted issuer, this service as audience, not expired, an issuer that may vouch
 * for that principal). The verified principal is handed on as x-principal-bin; one that came
 * from the network is dropped. Anything else is answered UNAUTHENTICATED and goes no further.
 */
export function principalAuthInterceptor(verifier: PrincipalVerifier): ServerInterceptor {
  return (methodDescriptor, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, passOn) => {
            metadata.remove(METADATA_KEYS.principal);
            if (OPEN_PATH_PREFIXES.some((p) => methodDescriptor.path.startsWith(p)))
              return passOn(metadata);
            const refused = authenticate(verifier, metadata);
            if (refused)
              return call.sendStatus({
                code: status.UNAUTHENTICATED,
                details: refused,
                metadata: new Metadata(),
              });
            passOn(metadata);
          },
        }),
    });
}

/** Sets the verified principal on `metadata`, or says why the call is refused. */
function authenticate(verifier: PrincipalVerifier, metadata: Metadata): string | undefined {
  const tokens = metadata.get(METADATA_KEYS.principalToken);
  metadata.remove(METADATA_KEYS.principalToken);
  if (tokens.length === 0) return 'no principal token in the call metadata';
  if (tokens.length > 1) return 'more than one principal token';
  const token = tokens[0];
  if (typeof token !== 'string') return 'the principal token must be text';
  try {
    setPrincipal(metadata, verifier.verify(token));
    return undefined;
  } catch (error) {
    if (error instanceof PrincipalTokenError) return error.message;
    throw error;
  }
}

const operatorEnv = principalTokenEnv.extend({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Who a tool signs as (seed, import, benchmarks, tests): the operator unless told otherwise. */
  PRINCIPAL_ISSUER: z.string().min(1).default('operator'),
});

let processSigner: PrincipalSigner | undefined;

/**
 * The signer of a client created without one: the operator's tools and the tests sign as
 * PRINCIPAL_ISSUER (default "operator") with PRINCIPAL_SIGNING_KEY, read once from the
 * environment. Services and the gateway pass their own signer instead.
 */
export function processPrincipalSigner(): PrincipalSigner {
  if (!processSigner) {
    const env = operatorEnv.parse(process.env);
    processSigner = principalTokensFor(env, env.PRINCIPAL_ISSUER).signer;
  }
  return processSigner;
}
