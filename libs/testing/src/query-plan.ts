import type { Db, Document } from 'mongodb';

/**
 * What the store said it would do for a query: the scan nodes of its plan, and whether every
 * table it reads is reached through an index.
 *
 * FerretDB answers `explain` with its backend's own plan in `queryPlanner`:
 * - on SQLite, `{ Plan: ["id=3 parent=0 notused=0 detail=SEARCH t_x USING INDEX t_x__id_ (<expr>=?)"] }`
 *   (SQLite's EXPLAIN QUERY PLAN lines: `SEARCH ... USING INDEX` / `USING PRIMARY KEY` is an index
 *   look-up, `SCAN t_x` reads the whole table, `SCAN t_x USING INDEX` walks a whole index in order);
 * - on PostgreSQL, `{ Plan: { "Node Type": "Seq Scan", "Relation Name": ..., Plans: [...] } }`
 *   (PostgreSQL's JSON plan: `Index Scan`, `Index Only Scan`, `Bitmap Index Scan` vs `Seq Scan`).
 * MongoDB answers with stages (`winningPlan`: `IXSCAN`, `IDHACK`, `EXPRESS_*` vs `COLLSCAN`).
 */
export interface QueryPlan {
  /** True when no node of the plan reads a whole table. */
  indexed: boolean;
  /** The plan's table and index accesses, one line each (for a failure message or a report). */
  nodes: string[];
  /** Which server planned it. */
  planner: 'sqlite' | 'postgresql' | 'mongodb' | 'unknown';
}

const SQLITE_FULL_SCAN = /^SCAN \S+$/;
const SQLITE_ACCESS = /^(SCAN|SEARCH) /;
const PG_SCAN = /Scan$/;
const PG_INDEX = /^(Index Scan|Index Only Scan|Bitmap Index Scan)$/;
const MONGO_INDEX = /^(IXSCAN|IDHACK|EXPRESS_)/;

/** Reads an `explain` answer's `queryPlanner` (see QueryPlan for the three shapes). */
export function readPlan(queryPlanner: unknown): QueryPlan {
  const planner = queryPlanner as { Plan?: unknown; winningPlan?: unknown };
  if (Array.isArray(planner?.Plan)) return readSqlitePlan(planner.Plan as string[]);
  if (planner?.Plan && typeof planner.Plan === 'object') return readPostgresPlan(planner.Plan);
  if (planner?.winningPlan) return readMongoPlan(planner.winningPlan);
  return { indexed: false, nodes: [JSON.stringify(queryPlanner)], planner: 'unknown' };
}

function readSqlitePlan(lines: string[]): QueryPlan {
  const nodes = lines
    .map((line) => /detail=(.*)$/.exec(line)?.[1] ?? line)
    .filter((detail) => SQLITE_ACCESS.test(detail));
  return {
    planner: 'sqlite',
    nodes,
    indexed: nodes.length > 0 && !nodes.some((detail) => SQLITE_FULL_SCAN.test(detail)),
  };
}

interface PgNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgNode[];
}

function readPostgresPlan(root: unknown): QueryPlan {
  const scans: PgNode[] = [];
  const walk = (node: PgNode) => {
    if (PG_SCAN.test(node['Node Type'] ?? '')) scans.push(node);
    node.Plans?.forEach(walk);
  };
  walk(root as PgNode);
  return {
    planner: 'postgresql',
    nodes: scans.map((n) =>
      [n['Node Type'], n['Index Name'] ?? n['Relation Name'], n['Index Cond']]
        .filter(Boolean)
        .join(' '),
    ),
    indexed:
      scans.some((n) => PG_INDEX.test(n['Node Type']!)) &&
      !scans.some((n) => n['Node Type'] === 'Seq Scan'),
  };
}

interface MongoStage {
  stage?: string;
  indexName?: string;
  inputStage?: MongoStage;
  inputStages?: MongoStage[];
}

function readMongoPlan(root: unknown): QueryPlan {
  const stages: MongoStage[] = [];
  const walk = (stage: MongoStage) => {
    stages.push(stage);
    if (stage.inputStage) walk(stage.inputStage);
    stage.inputStages?.forEach(walk);
  };
  walk(root as MongoStage);
  const reads = stages.filter((s) => s.stage === 'COLLSCAN' || MONGO_INDEX.test(s.stage ?? ''));
  return {
    planner: 'mongodb',
    nodes: reads.map((s) => [s.stage, s.indexName].filter(Boolean).join(' ')),
    indexed: reads.length > 0 && !reads.some((s) => s.stage === 'COLLSCAN'),
  };
}

/** A read as the store sees it: a collection, a filter, maybe a sort and a limit. */
export interface QueryShape {
  collection: string;
  filter: Document;
  sort?: Document;
  limit?: number;
}

/** The store's plan for `find(filter).sort(sort).limit(limit)` on `db`. */
export async function explainFind(db: Db, query: QueryShape): Promise<QueryPlan> {
  const explained = await db.command({
    explain: {
      find: query.collection,
      filter: query.filter,
      ...(query.sort ? { sort: query.sort } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    },
  });
  return readPlan(explained.queryPlanner);
}

/** A query with the plan the store chose for it. */
export interface PlannedQuery extends QueryShape {
  command?: string;
  plan: QueryPlan;
}

/** Each query's plan, explained as a find with the same filter, sort and limit. */
export async function explainAll(
  db: Db,
  queries: Array<QueryShape & { command?: string }>,
): Promise<PlannedQuery[]> {
  const planned: PlannedQuery[] = [];
  for (const query of queries) planned.push({ ...query, plan: await explainFind(db, query) });
  return planned;
}

/**
 * The queries that read a whole table, one line each ("find cases {...} sort {...}: SCAN t_x"):
 * `expect(scanning(planned)).toEqual([])` fails with the list.
 */
export function scanning(planned: PlannedQuery[]): string[] {
  return planned
    .filter((q) => !q.plan.indexed)
    .map(
      (q) =>
        `${q.command ?? 'find'} ${q.collection} ${JSON.stringify(q.filter)}` +
        (q.sort ? ` sort ${JSON.stringify(q.sort)}` : '') +
        `: ${q.plan.nodes.join('; ')}`,
    );
}
