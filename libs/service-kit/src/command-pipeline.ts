import { status, type Metadata } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { context, propagation, trace } from '@opentelemetry/api';
import { METADATA_KEYS, type commonV1 } from '@mediation/contracts';
import { DomainError, InvalidInputError } from '@mediation/domain-kit';
import {
  AggregateExistsError,
  ConcurrencyError,
  storeFailure,
  type Loaded,
} from '@mediation/persistence';
import { assertNotBeforeLastStep, commandTime } from './command-time';
import { grpcError, invalidArgument, requirePrincipal } from './grpc-errors';

/** Who calls, and when the step happens: what every command and query starts from. */
export interface RpcCall {
  principal: commonV1.Principal;
  /** The caller's correlation id (x-correlation-id), carried onto the events it causes. */
  correlationId?: string;
  metadata: Metadata;
}

export interface CommandCall extends RpcCall {
  /** When the step happened: the service clock, or the caller's `x-recorded-at` (backfill). */
  at: Date;
  /** `at` came from the caller (补录), not from the clock. */
  backfilled: boolean;
  /** The service clock's time of this write (differs from `at` only when backfilled). */
  writtenAt: Date;
}

export interface CommandPipelineOptions {
  /** BACKFILL_ENABLED of the service's configuration. */
  backfillEnabled: boolean;
  clock: () => Date;
}

/**
 * One kind of aggregate as the pipeline sees it: how to load it, when its last step was, and how
 * to save a decision (state and events in one write, the events through the outbox).
 */
export interface CommandTarget<State, Decision, Saved> {
  /** What it is called in messages ("mediation"). */
  noun: string;
  /** The proto field that names it in requests ("mediation_id"). */
  idField: string;
  load(id: string): Promise<Loaded<State> | null>;
  /** The time of the last recorded step: a backfilled command may not precede it. */
  lastStepAt(state: State): Date | null | undefined;
  save(loaded: Loaded<State>, decision: Decision, call: CommandCall): Promise<Saved>;
  /**
   * Optional, for an aggregate a command may bring into being (a committee's roster before its
   * first member): the state of one not stored yet. With it, a missing aggregate loads as this
   * state at version 0, a request expecting version 0 may act on it and `save` gets
   * `loaded.version` 0 (to create it); without it, a missing aggregate is NOT_FOUND.
   */
  absent?(id: string): State;
}

/** A command on one existing aggregate: who may, what it decides, what it answers. */
export interface AggregateCommand<State, Req, Decision, Saved, Res> {
  /** Throws (a DomainError or an RpcException) unless the caller may act on this aggregate. */
  authorize(call: CommandCall, state: State, request: Req): void;
  /** The domain's decision; throws a DomainError to refuse. Nothing is written on a refusal. */
  decide(state: State, request: Req, call: CommandCall): Decision | Promise<Decision>;
  respond(saved: Saved, decision: Decision, call: CommandCall): Res | Promise<Res>;
}

/** A command request names its aggregate and the version the caller last read. */
export interface VersionedRequest {
  expectedVersion: string;
}

/**
 * The one path every gRPC call of every service takes:
 *
 * - `query`: authenticate -> run -> map errors;
 * - `command`: authenticate -> effective time (backfill) -> run (create commands, and commands
 *   with no aggregate such as statistics' Rebuild) -> map errors;
 * - `commandOn`: authenticate -> time -> load -> scope -> version -> not before the last step ->
 *   decide -> save with events (outbox) -> respond -> map errors.
 *
 * Errors: a DomainError by its kind (see @mediation/domain-kit), a concurrency conflict or an
 * aggregate that already exists as ABORTED, an RpcException as it is. Every call runs in the
 * caller's trace context, so the events it records join the caller's trace.
 */
export class CommandPipeline {
  constructor(private readonly options: CommandPipelineOptions) {}

  query<Res>(metadata: Metadata, run: (call: RpcCall) => Promise<Res> | Res): Promise<Res> {
    return inCallerTrace(metadata, async () => {
      try {
        return await run(rpcCall(metadata));
      } catch (error) {
        throw toRpcError(error);
      }
    });
  }

  command<Res>(metadata: Metadata, run: (call: CommandCall) => Promise<Res> | Res): Promise<Res> {
    return inCallerTrace(metadata, async () => {
      try {
        return await run(this.commandCall(metadata));
      } catch (error) {
        throw toRpcError(error);
      }
    });
  }

  commandOn<State, Req extends VersionedRequest, Decision, Saved, Res>(
    target: CommandTarget<State, Decision, Saved>,
    command: AggregateCommand<State, Req, Decision, Saved, Res>,
    id: string,
    request: Req,
    metadata: Metadata,
  ): Promise<Res> {
    return this.command(metadata, async (call) => {
      if (!id) throw new InvalidInputError(target.idField, 'is required');
      const expected = expectedVersion(request.expectedVersion, target.absent ? 0 : 1);
      const loaded =
        (await target.load(id)) ??
        (target.absent ? { id, version: 0, lastSequence: 0, state: target.absent(id) } : null);
      if (!loaded) throw grpcError(status.NOT_FOUND, `${target.noun} ${id} not found`);
      command.authorize(call, loaded.state, request);
      if (loaded.version !== expected)
        throw grpcError(
          status.ABORTED,
          `${target.noun} ${id} is at version ${loaded.version}, not ${expected}: re-read and retry`,
        );
      assertNotBeforeLastStep(call, target.lastStepAt(loaded.state), `${target.noun} ${id}`);
      const decision = await command.decide(loaded.state, request, call);
      const saved = await target.save(loaded, decision, call);
      return command.respond(saved, decision, call);
    });
  }

  private commandCall(metadata: Metadata): CommandCall {
    const call = rpcCall(metadata);
    const time = commandTime(metadata, call.principal, this.options);
    return { ...call, at: time.at, backfilled: time.backfilled, writtenAt: this.options.clock() };
  }
}

/**
 * The version a command expects: a decimal integer of at least `lowest` (int64 travels as a
 * string); 1 unless the aggregate may be created by the command (0: not stored yet).
 */
export function expectedVersion(value: string | number | undefined, lowest: 0 | 1 = 1): number {
  const text = String(value ?? '');
  const n = Number(text);
  if (!/^\d{1,15}$/.test(text) || n < lowest)
    throw new InvalidInputError(
      'expected_version',
      lowest === 0
        ? 'must be the version last read (0 when none is stored yet)'
        : 'must be the version last read (1 or more)',
    );
  return n;
}

/** Any error of a call as the gRPC status the contracts promise (docs/service-anatomy.md). */
export function toRpcError(error: unknown): unknown {
  if (error instanceof RpcException) return error;
  if (error instanceof DomainError) {
    switch (error.kind) {
      case 'invalid-argument':
        return invalidArgument((error as InvalidInputError).problems);
      case 'failed-precondition':
        return grpcError(status.FAILED_PRECONDITION, error.message);
      case 'permission-denied':
        return grpcError(status.PERMISSION_DENIED, error.message);
      case 'not-found':
        return grpcError(status.NOT_FOUND, error.message);
      case 'conflict':
        return grpcError(status.ABORTED, error.message);
    }
  }
  if (error instanceof ConcurrencyError || error instanceof AggregateExistsError)
    return grpcError(status.ABORTED, error.message);
  // The store away or too slow: a client may send the same call again (docs/contracts.md).
  const store = storeFailure(error);
  if (store === 'unavailable')
    return grpcError(status.UNAVAILABLE, 'the store cannot be reached: try again');
  if (store === 'timeout')
    return grpcError(status.DEADLINE_EXCEEDED, 'the store did not answer in time: try again');
  return error;
}

function rpcCall(metadata: Metadata): RpcCall {
  const principal = requirePrincipal(metadata);
  const correlation = metadata.get(METADATA_KEYS.correlationId)[0];
  return {
    principal,
    correlationId: correlation ? String(correlation).slice(0, 128) : undefined,
    metadata,
  };
}

/**
 * Runs in the caller's W3C trace context when no gRPC instrumentation opened a server span
 * already, so that the events a command records (their outbox entries capture the active
 * context) join the caller's trace either way.
 */
function inCallerTrace<T>(metadata: Metadata, run: () => Promise<T>): Promise<T> {
  const active = context.active();
  if (trace.getSpan(active)) return run();
  const carrier: Record<string, string> = {};
  for (const key of [METADATA_KEYS.traceparent, METADATA_KEYS.tracestate]) {
    const value = metadata.get(key)[0];
    if (typeof value === 'string') carrier[key] = value;
  }
  return context.with(propagation.extract(active, carrier), run);
}
