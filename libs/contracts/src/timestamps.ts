// google.protobuf.Timestamp is generated as { seconds: string; nanos: number } (useDate=false,
// forceLong=string): that is what protobufjs delivers at run time. These helpers convert.
import type { Timestamp } from './gen/google/protobuf/timestamp';

export function toTimestamp(value: Date | number): Timestamp {
  const millis = typeof value === 'number' ? value : value.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('invalid date');
  const seconds = Math.floor(millis / 1000);
  return { seconds: String(seconds), nanos: Math.round((millis - seconds * 1000) * 1e6) };
}

/** Milliseconds since the epoch (sub-millisecond nanos are truncated). */
export function timestampToMillis(ts: Timestamp): number {
  return Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6);
}

export function fromTimestamp(ts: Timestamp): Date {
  return new Date(timestampToMillis(ts));
}

/** RFC 3339 in UTC, as CloudEvents' `time` attribute wants it. */
export function timestampToRfc3339(ts: Timestamp): string {
  return fromTimestamp(ts).toISOString();
}
