// ts-proto's fromPartial leaves unset optional keys as `undefined`; protobufjs leaves them out.
// Both satisfy the generated interfaces. Compare like with like: drop undefined keys, and make
// bytes Buffers (what @grpc/proto-loader delivers) so that toStrictEqual can compare classes.
export function normalise<T>(value: T): T {
  if (value instanceof Uint8Array) return Buffer.from(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => normalise(v)) as unknown as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = normalise(v);
    return out as T;
  }
  return value;
}
