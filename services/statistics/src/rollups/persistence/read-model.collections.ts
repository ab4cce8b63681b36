/**
 * A read model is a set of collections with a version suffix: a rebuild fills version n+1 while
 * version n keeps serving, then the active pointer moves (see docs/statistics.md).
 */
export const readModelCollections = (version: number) => ({
  rollups: `rollups_v${version}`,
  aggregates: `aggregate_states_v${version}`,
  sessions: `session_links_v${version}`,
});

export const META_COLLECTION = 'read_model_meta';
