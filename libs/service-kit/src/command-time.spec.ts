import { Metadata, status } from '@grpc/grpc-js';
import { commonV1 } from '@mediation/contracts';
import {
  assertNotBeforeLastStep,
  BACKFILL_TIMER_HOLD_MS,
  commandTime,
  eventTime,
  heldByBackfill,
  RECORDED_AT_METADATA_KEY,
} from './command-time';

const NOW = new Date('2026-11-26T08:00:00Z');
const clock = () => NOW;
const admin = commonV1.Principal.fromPartial({
  subject: 'admin',
  roles: [commonV1.Role.ROLE_ADMINISTRATOR],
});
const mediator = commonV1.Principal.fromPartial({
  subject: 'mediator',
  roles: [commonV1.Role.ROLE_MEDIATOR],
});
const service = commonV1.Principal.fromPartial({
  subject: 'service:referral',
  roles: [commonV1.Role.ROLE_SERVICE],
});

function md(...values: string[]): Metadata {
  const m = new Metadata();
  for (const v of values) m.add(RECORDED_AT_METADATA_KEY, v);
  return m;
}

function codeOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return (error as { getError(): { code: number } }).getError().code;
  }
  return undefined;
}

describe('commandTime', () => {
  it('is the service clock without x-recorded-at, whatever the flag and the role', () => {
    expect(commandTime(md(), mediator, { backfillEnabled: false, clock })).toEqual({
      at: NOW,
      backfilled: false,
    });
    expect(commandTime(md(), admin, { backfillEnabled: true, clock })).toEqual({
      at: NOW,
      backfilled: false,
    });
  });

  it("is the administrator's backfill time when backfill is enabled", () => {
    const t = commandTime(md('2024-03-05T09:30:00+08:00'), admin, { backfillEnabled: true, clock });
    expect(t).toEqual({ at: new Date('2024-03-05T01:30:00Z'), backfilled: true });
    expect(
      commandTime(md('2025-01-01T00:00:00.123Z'), service, { backfillEnabled: true, clock }).at,
    ).toEqual(new Date('2025-01-01T00:00:00.123Z'));
  });

  it('refuses backfill when the service does not allow it (PERMISSION_DENIED)', () => {
    expect(
      codeOf(() => commandTime(md('2024-03-05T09:30:00Z'), admin, { backfillEnabled: false })),
    ).toBe(status.PERMISSION_DENIED);
  });

  it('refuses backfill from anyone but an administrator or a service (PERMISSION_DENIED)', () => {
    expect(
      codeOf(() => commandTime(md('2024-03-05T09:30:00Z'), mediator, { backfillEnabled: true })),
    ).toBe(status.PERMISSION_DENIED);
  });

  it.each([
    ['not a time'],
    ['2024-03-05'],
    ['2024-03-05T09:30:00'],
    ['2024-13-45T09:30:00Z'],
    [''],
  ])('refuses the unparsable %p (INVALID_ARGUMENT)', (value) => {
    expect(codeOf(() => commandTime(md(value), admin, { backfillEnabled: true, clock }))).toBe(
      status.INVALID_ARGUMENT,
    );
  });

  it('refuses two values and a time in the future (INVALID_ARGUMENT)', () => {
    expect(
      codeOf(() =>
        commandTime(md('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'), admin, {
          backfillEnabled: true,
          clock,
        }),
      ),
    ).toBe(status.INVALID_ARGUMENT);
    expect(
      codeOf(() =>
        commandTime(md('2026-11-26T08:00:01Z'), admin, { backfillEnabled: true, clock }),
      ),
    ).toBe(status.INVALID_ARGUMENT);
  });
});

describe('assertNotBeforeLastStep', () => {
  const last = new Date('2024-03-05T00:00:00Z');
  it('lets a backfilled step at or after the last one, and every live step, through', () => {
    expect(() => assertNotBeforeLastStep({ at: last, backfilled: true }, last)).not.toThrow();
    expect(() =>
      assertNotBeforeLastStep({ at: new Date('2020-01-01Z'), backfilled: false }, last),
    ).not.toThrow();
    expect(() => assertNotBeforeLastStep({ at: last, backfilled: true }, null)).not.toThrow();
  });
  it('refuses a backfilled step before the last one (FAILED_PRECONDITION)', () => {
    expect(
      codeOf(() =>
        assertNotBeforeLastStep({ at: new Date('2024-03-04T23:59:59Z'), backfilled: true }, last),
      ),
    ).toBe(status.FAILED_PRECONDITION);
  });
});

describe('eventTime', () => {
  const old = new Date('2024-03-05T00:00:00Z');
  it('is the clock for live events and when backfill is off', () => {
    expect(eventTime(old, NOW, false)).toEqual({ at: NOW, backfilled: false });
    expect(eventTime(new Date(NOW.getTime() - 5_000), NOW, true)).toEqual({
      at: NOW,
      backfilled: false,
    });
    expect(eventTime(undefined, NOW, true)).toEqual({ at: NOW, backfilled: false });
    expect(eventTime(new Date(0), NOW, true)).toEqual({ at: NOW, backfilled: false });
  });
  it("is a backfilled event's occurredAt, never before the record's last step", () => {
    expect(eventTime(old, NOW, true)).toEqual({ at: old, backfilled: true });
    const later = new Date('2024-04-01T00:00:00Z');
    expect(eventTime(old, NOW, true, later)).toEqual({ at: later, backfilled: true });
  });
  it("follows the event's own mark when it carries one, whatever its lag", () => {
    const recent = new Date(NOW.getTime() - 5_000);
    expect(eventTime(recent, NOW, true, null, true)).toEqual({ at: recent, backfilled: true });
    expect(eventTime(old, NOW, true, null, false)).toEqual({ at: NOW, backfilled: false });
    expect(eventTime(recent, NOW, false, null, true)).toEqual({ at: NOW, backfilled: false });
  });
});

describe('heldByBackfill', () => {
  it('holds timers for a while after a backfilled write', () => {
    expect(heldByBackfill(null, NOW)).toBe(false);
    expect(heldByBackfill(new Date(NOW.getTime() - 1000), NOW)).toBe(true);
    expect(heldByBackfill(new Date(NOW.getTime() - BACKFILL_TIMER_HOLD_MS), NOW)).toBe(false);
  });

  it('holds them as long as configured (BACKFILL_TIMER_HOLD_MS)', () => {
    const written = new Date(NOW.getTime() - 90_000);
    expect(heldByBackfill(written, NOW, 60_000)).toBe(false);
    expect(heldByBackfill(written, NOW, 120_000)).toBe(true);
    expect(heldByBackfill(written, NOW)).toBe(true);
  });
});
