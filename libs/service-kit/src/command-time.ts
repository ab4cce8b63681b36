import { status, type Metadata } from '@grpc/grpc-js';
import { commonV1 } from '@mediation/contracts';
import { grpcError, invalidArgument } from './grpc-errors';

/**
 * Backfill (补录): digitising paper ledgers means recording steps that happened months or years
 * ago with their real dates. A command normally happens at the service clock; an administrator
 * may send the time the step really happened in this metadata key (ISO 8601 with a zone, e.g.
 * `2024-03-05T09:30:00+08:00`), where the service's configuration allows it (BACKFILL_ENABLED,
 * off by default).
 */
export const RECORDED_AT_METADATA_KEY = 'x-recorded-at';

/** A command's effective time; `backfilled` when it came from the caller, not the clock. */
export interface CommandTime {
  at: Date;
  backfilled: boolean;
}

export interface CommandTimeOptions {
  /** BACKFILL_ENABLED of the service's configuration. */
  backfillEnabled: boolean;
  /** The service clock (default: the system clock). */
  clock?: () => Date;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The effective time of a command: the service clock, or the backfill time of the call's
 * `x-recorded-at` when the caller is an administrator (or a platform service relaying its own
 * caller's backfill, as referral does towards intake) and the service allows backfill.
 * INVALID_ARGUMENT for a time that does not parse or lies in the future; PERMISSION_DENIED when
 * backfill is off or the caller may not backfill.
 */
export function commandTime(
  metadata: Metadata,
  principal: commonV1.Principal,
  options: CommandTimeOptions,
): CommandTime {
  const now = (options.clock ?? (() => new Date()))();
  const values = metadata.get(RECORDED_AT_METADATA_KEY);
  if (values.length === 0) return { at: now, backfilled: false };
  if (!options.backfillEnabled)
    throw grpcError(status.PERMISSION_DENIED, 'backfill (x-recorded-at) is not enabled here');
  if (!mayBackfill(principal))
    throw grpcError(status.PERMISSION_DENIED, 'only administrators may backfill (x-recorded-at)');
  const raw = values.length === 1 ? String(values[0]).trim() : '';
  const at = ISO_8601.test(raw) ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(at.getTime()))
    throw invalidArgument([
      { field: RECORDED_AT_METADATA_KEY, description: 'must be one ISO 8601 time with a zone' },
    ]);
  if (at.getTime() > now.getTime())
    throw invalidArgument([
      { field: RECORDED_AT_METADATA_KEY, description: 'must not lie in the future' },
    ]);
  return { at, backfilled: true };
}

/** Administrators, and platform services relaying a backfill their own caller was allowed. */
export function mayBackfill(principal: commonV1.Principal): boolean {
  return principal.roles.some(
    (r) => r === commonV1.Role.ROLE_ADMINISTRATOR || r === commonV1.Role.ROLE_SERVICE,
  );
}

/**
 * A backfilled step must not precede the aggregate's last recorded step, so that a timeline
 * never runs backwards (FAILED_PRECONDITION). Live steps (the clock) need no check.
 */
export function assertNotBeforeLastStep(
  time: CommandTime,
  lastStepAt: Date | null | undefined,
  what = 'the aggregate',
): void {
  if (!time.backfilled || !lastStepAt) return;
  if (time.at.getTime() < lastStepAt.getTime())
    throw grpcError(
      status.FAILED_PRECONDITION,
      `backfill time ${time.at.toISOString()} precedes the last recorded step of ${what} (${lastStepAt.toISOString()})`,
    );
}

/** How far behind the clock an event's occurredAt must be to count as backfilled. */
export const BACKFILLED_EVENT_LAG_MS = 60_000;

/**
 * The time a consumer gives what it creates from an event: the consumer's clock (live), or the
 * event's occurredAt when the service allows backfill and the event is backfilled. `marked` is
 * the event's own mark (BusEvent.backfilled, the `ce_backfilled` header: what the recording
 * command knew); events without it (`undefined`: published before the mark) count as backfilled when
 * they lie more than BACKFILLED_EVENT_LAG_MS in the past.
 * Never earlier than `notBefore` (the record's last step), so a timeline cannot run backwards.
 */
export function eventTime(
  occurredAt: Date | undefined,
  now: Date,
  backfillEnabled: boolean,
  notBefore?: Date | null,
  marked?: boolean,
): CommandTime {
  const backfilled =
    marked ??
    (occurredAt !== undefined && now.getTime() - occurredAt.getTime() > BACKFILLED_EVENT_LAG_MS);
  if (
    !backfillEnabled ||
    !backfilled ||
    !occurredAt ||
    Number.isNaN(occurredAt.getTime()) ||
    occurredAt.getTime() <= 0
  )
    return { at: now, backfilled: false };
  const at =
    notBefore && notBefore.getTime() > occurredAt.getTime() ? new Date(notBefore) : occurredAt;
  return { at, backfilled: true };
}

/**
 * Timers (deadline and SLA pollers) keep their hands off an aggregate for this long after a
 * backfilled write: its backfilled steps run on the paper's clock, and a timer firing at today's
 * time in between would make the next backfilled step precede the last one. The default of
 * BACKFILL_TIMER_HOLD_MS.
 */
export const BACKFILL_TIMER_HOLD_MS = 10 * 60_000;

/** Kept beside an aggregate's state: the real time of its last backfilled write (null after a live one). */
export interface BackfillMark {
  backfillWrittenAt?: Date | null;
}

/** The real time of an aggregate's last backfilled write, if any. */
export const backfillWrittenAt = (state: object): Date | null =>
  (state as BackfillMark).backfillWrittenAt ?? null;

/** Whether timers should leave an aggregate alone (last written by a backfill `writtenAt`). */
export function heldByBackfill(
  writtenAt: Date | null | undefined,
  now: Date,
  holdMs = BACKFILL_TIMER_HOLD_MS,
): boolean {
  if (!writtenAt) return false;
  return now.getTime() - new Date(writtenAt).getTime() < holdMs;
}
