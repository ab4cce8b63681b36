import type { Metadata } from '@grpc/grpc-js';
import { context, propagation, trace } from '@opentelemetry/api';
import { mayReadPii } from '@mediation/auth';
import { METADATA_KEYS, type commonV1 } from '@mediation/contracts';
import { asGrpcError, requirePrincipal } from '@mediation/service-kit';

export interface CallContext {
  principal: commonV1.Principal;
  correlationId?: string;
  /** May the caller see parties' ID numbers, phones and addresses in clear? */
  revealPii: boolean;
  /** The call's metadata (a command's backfill time, `x-recorded-at`). */
  metadata?: Metadata;
}

/**
 * Runs one RPC for the authenticated caller (UNAUTHENTICATED without a principal) and maps
 * domain errors to gRPC statuses (a version conflict becomes ABORTED).
 */
export function handleCall<T>(
  metadata: Metadata,
  run: (ctx: CallContext) => Promise<T>,
): Promise<T> {
  return context.with(callerTraceContext(metadata), () => runCall(metadata, run));
}

/**
 * The caller's W3C trace context when no gRPC instrumentation has opened a server span already,
 * so that events recorded by the command (their outbox entries capture the active context) join
 * the caller's trace either way.
 */
function callerTraceContext(metadata: Metadata) {
  const active = context.active();
  if (trace.getSpan(active)) return active;
  const carrier: Record<string, string> = {};
  for (const key of [METADATA_KEYS.traceparent, METADATA_KEYS.tracestate]) {
    const value = metadata.get(key)[0];
    if (typeof value === 'string') carrier[key] = value;
  }
  return propagation.extract(active, carrier);
}

async function runCall<T>(metadata: Metadata, run: (ctx: CallContext) => Promise<T>): Promise<T> {
  try {
    const principal = requirePrincipal(metadata);
    const correlation = metadata.get(METADATA_KEYS.correlationId)[0];
    return await run({
      principal,
      correlationId: correlation ? String(correlation).slice(0, 128) : undefined,
      revealPii: mayReadPii(principal),
      metadata,
    });
  } catch (error) {
    throw asGrpcError(error);
  }
}
