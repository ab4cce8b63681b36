// Responses as the proto3 JSON mapping: Timestamps as RFC 3339 strings, bytes as base64. Enum
// names and int64 strings already come that way from the loader options (backend-client.ts).
// A Timestamp is recognised by its shape: the only message in proto/ with exactly the fields
// seconds (int64 -> string) and nanos.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isTimestamp(value: unknown): value is { seconds: string; nanos: number } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof (value as { seconds?: unknown }).seconds === 'string' &&
    typeof (value as { nanos?: unknown }).nanos === 'number'
  );
}

export function timestampToIso(ts: { seconds: string; nanos: number }): string {
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6)).toISOString();
}

export function isoToTimestamp(iso: string): { seconds: string; nanos: number } {
  const ms = Date.parse(iso);
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

export function toApiJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toApiJson);
  if (isTimestamp(value)) return timestampToIso(value);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toApiJson(v);
    return out;
  }
  return value as Json;
}
