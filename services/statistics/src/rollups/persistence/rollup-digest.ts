import { createHash } from 'node:crypto';
import type { RollupStore } from './rollup.store';

/** JSON with object keys sorted at every level, so equal documents hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Counters without the zeros: +1 and -1 in separate writes leave 0, in one write nothing. */
function withoutZeros(value: unknown): unknown {
  if (typeof value === 'number') return value === 0 ? undefined : value;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const kept = withoutZeros(v);
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A digest over every rollup's figures (not the offset guards, which differ between a live
 * model and its replay; nor zero counters, which depend on how writes were grouped): equal
 * digests = identical numbers.
 */
export async function rollupDigest(store: RollupStore): Promise<string> {
  const hash = createHash('sha256');
  for (const doc of await store.collection.all({ a: 0 })) {
    const figures = withoutZeros({ t: doc.t, d: doc.d });
    if (figures) hash.update(canonical({ _id: doc._id, asOf: doc.asOf, ...figures })).update('\n');
  }
  return hash.digest('hex');
}
