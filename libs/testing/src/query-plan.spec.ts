import { readPlan, scanning } from './query-plan';
import { queriesOf } from './query-recorder';

// The plans below are what FerretDB 1.24 answered to `explain` (SQLite and PostgreSQL backends)
// and the shape MongoDB 7 answers with.
describe('readPlan', () => {
  it('reads SQLite plans: SEARCH through an index, or SCAN the table', () => {
    const search = readPlan({
      Plan: [
        'id=3 parent=0 notused=0 detail=SEARCH t_f10c3da3 USING INDEX t_f10c3da3__id_ (<expr>=?)',
      ],
    });
    expect(search).toEqual({
      planner: 'sqlite',
      indexed: true,
      nodes: ['SEARCH t_f10c3da3 USING INDEX t_f10c3da3__id_ (<expr>=?)'],
    });
    const scan = readPlan({ Plan: ['id=2 parent=0 notused=0 detail=SCAN t_f10c3da3'] });
    expect(scan).toMatchObject({ indexed: false, nodes: ['SCAN t_f10c3da3'] });
    const ordered = readPlan({
      Plan: [
        'id=4 parent=0 notused=0 detail=SCAN t_1 USING INDEX t_1_a_b',
        'id=9 parent=0 notused=0 detail=USE TEMP B-TREE FOR ORDER BY',
      ],
    });
    expect(ordered).toMatchObject({ indexed: true, nodes: ['SCAN t_1 USING INDEX t_1_a_b'] });
  });

  it('reads PostgreSQL plans: any Seq Scan in the tree is a scan', () => {
    const seq = readPlan({
      Plan: {
        'Node Type': 'Seq Scan',
        'Relation Name': 't_f10c3da3',
        Filter: `((t_f10c3da3._jsonb -> '_id'::text) @> '"x5"'::jsonb)`,
      },
    });
    expect(seq).toEqual({ planner: 'postgresql', indexed: false, nodes: ['Seq Scan t_f10c3da3'] });
    const index = readPlan({
      Plan: {
        'Node Type': 'Limit',
        Plans: [
          {
            'Node Type': 'Index Scan',
            'Index Name': 't_1_a_b',
            'Relation Name': 't_1',
            'Index Cond': `((_jsonb -> 'a'::text) = '"org5"'::jsonb)`,
          },
        ],
      },
    });
    expect(index).toEqual({
      planner: 'postgresql',
      indexed: true,
      nodes: [`Index Scan t_1_a_b ((_jsonb -> 'a'::text) = '"org5"'::jsonb)`],
    });
    const bitmap = readPlan({
      Plan: {
        'Node Type': 'Bitmap Heap Scan',
        'Relation Name': 't_1',
        Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 't_1_s' }],
      },
    });
    expect(bitmap.indexed).toBe(true);
  });

  it('reads MongoDB plans: COLLSCAN vs index stages', () => {
    expect(
      readPlan({
        winningPlan: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'a_1' } },
      }),
    ).toEqual({ planner: 'mongodb', indexed: true, nodes: ['IXSCAN a_1'] });
    expect(readPlan({ winningPlan: { stage: 'EXPRESS_IXSCAN' } }).indexed).toBe(true);
    expect(readPlan({ winningPlan: { stage: 'COLLSCAN' } }).indexed).toBe(false);
  });

  it('calls an answer it does not know a scan', () => {
    expect(readPlan({ something: 'else' })).toMatchObject({ indexed: false, planner: 'unknown' });
  });
});

describe('queriesOf', () => {
  it('takes the read out of each wire command', () => {
    expect(
      queriesOf('find', { find: 'cases', filter: { a: 1 }, sort: { b: -1 }, limit: 20 }),
    ).toEqual([
      { command: 'find', collection: 'cases', filter: { a: 1 }, sort: { b: -1 }, limit: 20 },
    ]);
    expect(
      queriesOf('update', {
        update: 'cases',
        updates: [{ q: { _id: 'x', version: 2 }, u: { $set: { a: 1 } } }],
      }),
    ).toEqual([{ command: 'update', collection: 'cases', filter: { _id: 'x', version: 2 } }]);
    expect(
      queriesOf('aggregate', {
        aggregate: 'cases',
        pipeline: [{ $match: { s: 1 } }, { $group: { _id: 1, n: { $sum: 1 } } }],
      }),
    ).toEqual([{ command: 'aggregate', collection: 'cases', filter: { s: 1 } }]);
    expect(queriesOf('findAndModify', { findAndModify: 'm', query: { _id: 'a' } })).toEqual([
      { command: 'findAndModify', collection: 'm', filter: { _id: 'a' } },
    ]);
    expect(queriesOf('insert', { insert: 'cases', documents: [{}] })).toEqual([]);
  });

  it('lists the scanning ones for a failure message', () => {
    const plan = readPlan({ Plan: ['id=2 parent=0 notused=0 detail=SCAN t_1'] });
    expect(
      scanning([{ command: 'find', collection: 'cases', filter: { a: 1 }, sort: { b: -1 }, plan }]),
    ).toEqual(['find cases {"a":1} sort {"b":-1}: SCAN t_1']);
  });
});

describe('queriesOf with the driver’s sort', () => {
  it('turns the Map the driver sends into a plain sort, keeping its order', () => {
    const sort = new Map<string, number>([
      ['registeredAt', -1],
      ['_id', -1],
    ]);
    const [query] = queriesOf('find', { find: 'cases', filter: {}, sort, limit: 5 });
    expect(query.sort).toEqual({ registeredAt: -1, _id: -1 });
    expect(Object.keys(query.sort!)).toEqual(['registeredAt', '_id']);
  });
});
