/** The name prefix by which the project's FerretDB build recognises an ordered index (patch 0011). */
export const ORDERED_INDEX_PREFIX = 'ordered:';

/**
 * Options for an index that a find sorted by exactly its keys reads in order, stopping after the
 * page. The project's FerretDB build on PostgreSQL sorts by an expression of MongoDB's order of
 * types that a plain index does not hold; for an index with this name it also keeps that form
 * (deploy/local/ferretdb-patches/0011). MongoDB reads any index in order and takes it as a name.
 */
export function orderedIndex(keys: Record<string, 1 | -1>): { name: string } {
  const name = Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
  return { name: ORDERED_INDEX_PREFIX + name };
}
