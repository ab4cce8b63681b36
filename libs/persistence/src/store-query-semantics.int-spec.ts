import { mongo, type Connection } from 'mongoose';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { connectMongo } from './mongo-connection';

// The store answers queries the way MongoDB does, whichever backend serves it. FerretDB pushes parts
// of a filter (and with the project's patches, sorts and limits) down to SQL so that indexes serve
// them; what SQL returns must still be every document MongoDB would match (FerretDB filters it
// again), in MongoDB's order. These documents are the cases where a pushed-down condition is easy
// to get wrong: arrays holding the value or documents, missing fields and nulls, one field holding
// int32, double, long, string, date and bool, dotted paths through arrays, an ObjectId and the
// string of its hex (FerretDB stores both as that string: it refuses a string `_id` equal to an
// ObjectId `_id`'s hex as a duplicate, which MongoDB allows, so that pair is not inserted). Every expected result is worked out by hand from MongoDB's rules.
// Run it against each build: MONGO_URL=mongodb://host:port STACK_EXTERNAL=1 for a server of your own.

const { Double, Long, ObjectId } = mongo;

let connection: Connection;
const deepIndex = { 'r.s.t': 1, k: 1 } as const;
const oid = new ObjectId('65a1b2c3d4e5f60718293a4b');

/** Documents by concern, one collection each, so that a missing field in one set is not noise in another. */
const sets: Record<string, Array<Record<string, unknown>>> = {
  eq: [
    { _id: 'plain', f: 'v', g: 1 },
    { _id: 'in-array', f: ['x', 'v'], g: 1 },
    { _id: 'array-of-docs', f: [{ x: 'v' }], g: 1 },
    { _id: 'missing', g: 2 },
    { _id: 'null', f: null, g: 2 },
    { _id: 'upper', f: 'V', g: 2 },
    { _id: 'empty-array', f: [], g: 2 },
    { _id: oid, f: { sub: 'v' }, g: 3 },
    { _id: 'hex', f: oid.toHexString(), g: 3 },
  ],
  num: [
    { _id: 'int32', n: 1 },
    { _id: 'double', n: new Double(1) },
    { _id: 'long', n: Long.fromNumber(1) },
    { _id: 'string', n: '1' },
    { _id: 'date', n: new Date(1) },
    { _id: 'array', n: [0, 1] },
    { _id: 'fraction', n: 2.5 },
    { _id: 'huge', n: Long.fromString('9007199254740993') },
    { _id: 'bool', n: true },
    { _id: 'negative', n: -7 },
  ],
  dot: [
    { _id: 'doc', p: { q: 'v' } },
    { _id: 'array-of-docs', p: [{ q: 'x' }, { q: 'v' }] },
    { _id: 'array-below', p: { q: ['v'] } },
    { _id: 'scalar-parent', p: 'v' },
    { _id: 'other', p: [{ q: 'w' }] },
    { _id: 'no-parent' },
    { _id: 'null-parent', p: null },
  ],
  // A path two levels deep, an array at each level in turn, under a compound index (deepIndex).
  deep: [
    { _id: 'obj', r: { s: { t: 'v' } }, k: 1 },
    { _id: 'arr-top', r: [{ s: { t: 'v' } }, { s: { t: 'w' } }], k: 1 },
    { _id: 'arr-mid', r: { s: [{ t: 'x' }, { t: 'v' }] }, k: 2 },
    { _id: 'arr-leaf', r: { s: { t: ['v', 'y'] } }, k: 2 },
    { _id: 'null-parent', r: null, k: 1 },
    { _id: 'null-mid', r: { s: null }, k: 1 },
    { _id: 'scalar-mid', r: { s: 'v' }, k: 1 },
    { _id: 'missing', k: 1 },
    { _id: 'other', r: { s: { t: 'w' } }, k: 2 },
    { _id: 'num', r: { s: { t: 1 } }, k: 3 },
    { _id: 'arr-num', r: [{ s: { t: 2 } }, { s: { t: 5 } }], k: 3 },
  ],
  // Two fields ORed (each under an index), arrays in either, and fields to AND, sort and page by.
  or: [
    { _id: 'o1', a: 'x', b: 'y', st: 'open', t: 1 },
    { _id: 'o2', a: ['p', 'x'], b: 'z', st: 'open', t: 2 },
    { _id: 'o3', a: 'q', b: ['x', 'w'], st: 'closed', t: 3 },
    { _id: 'o4', a: 'q', b: 'x', st: 'open', t: 4 },
    { _id: 'o5', b: 'q', st: 'open', t: 5 },
    { _id: 'o6', a: null, b: null, st: 'held', t: 6 },
    { _id: 'o7', a: 'xx', b: 'X', st: 'open', t: 7 },
    { _id: 'o8', a: { x: 1 }, b: [{ c: 'x' }], st: 'open', t: 8 },
    { _id: 'o9', a: 'x', st: 'held', t: 9 },
  ],
  // A field holding arrays (a "multikey" field, as a case's orgPath) under an index. (FerretDB
  // refuses nested arrays, so none is here.)
  arr: [
    { _id: 'among', tags: ['a', 'v', 'b'] },
    { _id: 'scalar', tags: 'v' },
    { _id: 'empty', tags: [] },
    { _id: 'int-in-array', tags: [1, 2] },
    { _id: 'double-in-array', tags: [new Double(1), 3] },
    { _id: 'long-scalar', tags: Long.fromNumber(1) },
    { _id: 'dates', tags: [new Date(1000), new Date(2000)] },
    { _id: 'millis', tags: [1000] },
    { _id: 'oid-in-array', tags: [oid] },
    { _id: 'hex-in-array', tags: [oid.toHexString()] },
  ],
  // An array of documents (as a case's parties) under indexes on two of their fields.
  parties: [
    {
      _id: 'second',
      parties: [
        { phone: 'h1', name: 'A' },
        { phone: 'h2', name: 'B' },
      ],
    },
    { _id: 'inner-array', parties: [{ phone: ['h0', 'h2'], name: 'C' }] },
    { _id: 'object', parties: { phone: 'h2' } },
    { _id: 'object-array', parties: { phone: ['h2'] } },
    { _id: 'other', parties: [{ phone: 'h3', name: 'B' }] },
    { _id: 'empty', parties: [] },
    { _id: 'double', parties: [{ phone: new Double(7) }] },
    { _id: 'long-inner', parties: [{ phone: [Long.fromNumber(7)] }] },
    { _id: 'date', parties: [{ phone: new Date(7) }] },
  ],
  sorted: [
    { _id: 'k1', grp: 'a' },
    { _id: 'k2', s: null, grp: 'b' },
    { _id: 'k3', s: 1, grp: 'a' },
    { _id: 'k4', s: new Double(2), grp: 'b' },
    { _id: 'k5', s: 2.5, grp: 'a' },
    { _id: 'k6', s: Long.fromNumber(3), grp: 'b' },
    { _id: 'k7', s: 'b', grp: 'a' },
    { _id: 'k8', s: 'a', grp: 'b' },
    { _id: 'k9', s: new Date(5), grp: 'a' },
    { _id: 'k0', s: 2, grp: 'a' },
  ],
  // Under an index named "ordered:..." (the project's FerretDB build also orders by it, 0011):
  // dates, one tie on them broken by an array, and what MongoDB puts after dates descending.
  ordered: [
    { _id: 'n1', t: new Date(3000), k: 'b' },
    { _id: 'n2', t: new Date(3000), k: 'a' },
    { _id: 'n3', t: new Date(2000), k: 'c' },
    { _id: 'n4', t: new Date(2000), k: ['a', 'z'] },
    { _id: 'n5', t: new Date(1000), k: 'x' },
    { _id: 'n6', t: 9000, k: 'y' },
    { _id: 'n7', k: 'm' },
    { _id: 'n8', t: 'later', k: 'q' },
  ],
  // Under "ordered:t_-1__id_-1", for bounds on t (0015 starts the index's walk at them): dates with
  // a tie, what a date bound never matches (a number, a string, null, missing), and in group 'a'
  // arrays (one with an element in the bounds, sorting by its largest) and a document.
  bounded: [
    { _id: 'b1', t: new Date(5000), g: 's' },
    { _id: 'b2', t: new Date(4000), g: 's' },
    { _id: 'b3', t: new Date(3000), g: 's' },
    { _id: 'b13', t: new Date(3000), g: 's' },
    { _id: 'b4', t: new Date(2000), g: 's' },
    { _id: 'b5', t: new Date(1000), g: 's' },
    { _id: 'b6', t: 2500, g: 's' },
    { _id: 'b7', t: '3500', g: 's' },
    { _id: 'b8', t: null, g: 's' },
    { _id: 'b9', g: 's' },
    { _id: 'a1', t: new Date(2000), g: 'a' },
    { _id: 'a2', t: [new Date(1500), new Date(9000)], g: 'a' },
    { _id: 'a3', t: [new Date(8000)], g: 'a' },
    { _id: 'a4', t: { x: new Date(1) }, g: 'a' },
    { _id: 'a5', t: new Date(500), g: 'a' },
  ],
  // Under "ordered:k_1_t_-1__id_-1", for one value of k read in t's order (0017 walks the value's
  // entries): 3 as int32, double and long, and what equality on 3 never matches (the string '3', an
  // array without it, a document holding it, null, missing); an array holding 3 (matched); strings
  // and a date as values; in group 'u' an array in the sort field (the server sorts in Go).
  prefixed: [
    { _id: 's1', k: 3, t: new Date(5000), g: 's' },
    { _id: 's2', k: new Double(3), t: new Date(4000), g: 's' },
    { _id: 's3', k: Long.fromNumber(3), t: new Date(4000), g: 's' },
    { _id: 's4', k: '3', t: new Date(6000), g: 's' },
    { _id: 's5', k: [3, 4], t: new Date(4500), g: 's' },
    { _id: 's6', k: [4], t: new Date(7000), g: 's' },
    { _id: 's7', k: 4, t: new Date(8000), g: 's' },
    { _id: 's8', k: null, t: new Date(9000), g: 's' },
    { _id: 's9', t: new Date(9500), g: 's' },
    { _id: 's10', k: 3, t: 2500, g: 's' },
    { _id: 's11', k: 'a', t: new Date(3000), g: 's' },
    { _id: 's12', k: 'a', t: new Date(3500), g: 's' },
    { _id: 's13', k: new Date(100), t: new Date(1000), g: 's' },
    { _id: 's14', k: { x: 3 }, t: new Date(9900), g: 's' },
    { _id: 'u1', k: 3, t: [new Date(1000), new Date(9999)], g: 'u' },
    { _id: 'u2', k: 3, t: new Date(2000), g: 'u' },
  ],
  // An array sorts by its smallest element ascending and by its largest descending.
  sortedArrays: [
    { _id: 'a1', s: [5, 0] },
    { _id: 'a2', s: 3 },
    { _id: 'a3', s: 1 },
    { _id: 'a4', s: { x: 1 } },
  ],
};

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence_semantics')),
  });
  for (const [name, docs] of Object.entries(sets)) {
    await connection.db!.collection(name).insertMany(docs as never);
    // An index on each queried field, so a backend that uses indexes does so here too.
    for (const field of ['f', 'g', 'n', 'p.q', 's', 'grp'])
      await connection.db!.collection(name).createIndex({ [field]: 1 });
  }
  await connection.db!.collection('deep').createIndex(deepIndex);
  await coll('arr').createIndex({ tags: 1, t: -1 });
  for (const field of ['parties.phone', 'parties.name'])
    await coll('parties').createIndex({ [field]: 1, t: -1, _id: -1 });
  for (const field of ['a', 'b']) await coll('or').createIndex({ [field]: 1, t: -1, _id: 1 });
  await coll('ordered').createIndex({ t: -1, k: -1 }, { name: 'ordered:t_-1_k_-1' });
  await coll('sorted').createIndex({ s: 1, _id: 1 }, { name: 'ordered:s_1__id_1' });
  await coll('bounded').createIndex({ t: -1, _id: -1 }, { name: 'ordered:t_-1__id_-1' });
  await coll('prefixed').createIndex({ k: 1, t: -1, _id: -1 }, { name: 'ordered:k_1_t_-1__id_-1' });
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const coll = (name: string) => connection.db!.collection(name);

/** The `_id`s `find(filter)` returns, sorted (for filters whose order MongoDB leaves open). */
async function ids(name: string, filter: Record<string, unknown>): Promise<string[]> {
  const docs = await coll(name).find(filter).toArray();
  return docs.map((d) => String(d._id)).sort();
}

describe('equality', () => {
  it('matches the value itself and arrays holding it, never documents holding it or other cases', async () => {
    expect(await ids('eq', { f: 'v' })).toEqual(['in-array', 'plain']);
    expect(await ids('eq', { f: { $eq: 'v' } })).toEqual(['in-array', 'plain']);
    expect(await coll('eq').countDocuments({ f: 'v' })).toBe(2);
    expect(await ids('eq', { f: 'x', g: 1 })).toEqual(['in-array']);
    expect(await ids('eq', { f: 'v', g: 2 })).toEqual([]);
  });

  it('matches null for a missing field and a null one', async () => {
    expect(await ids('eq', { f: null })).toEqual(['missing', 'null']);
  });

  it('compares numbers by value across int32, double and long, and not with strings, dates or bools', async () => {
    const expected = ['array', 'double', 'int32', 'long'];
    expect(await ids('num', { n: 1 })).toEqual(expected);
    expect(await ids('num', { n: new Double(1) })).toEqual(expected);
    expect(await ids('num', { n: Long.fromNumber(1) })).toEqual(expected);
    expect(await ids('num', { n: '1' })).toEqual(['string']);
    expect(await ids('num', { n: new Date(1) })).toEqual(['date']);
    expect(await ids('num', { n: true })).toEqual(['bool']);
    expect(await ids('num', { n: 0 })).toEqual(['array']);
  });

  it('matches a long beyond 2^53 exactly', async () => {
    expect(await ids('num', { n: Long.fromString('9007199254740993') })).toEqual(['huge']);
    expect(await ids('num', { n: Long.fromString('9007199254740995') })).toEqual([]);
  });

  it('tells an ObjectId from the string of its hex, as _id and as a value', async () => {
    expect(await ids('eq', { _id: oid })).toEqual([oid.toHexString()]);
    expect((await coll('eq').findOne({ _id: oid }))!.f).toEqual({ sub: 'v' });
    expect(await ids('eq', { _id: oid.toHexString() })).toEqual([]);
    expect(await ids('eq', { f: oid.toHexString() })).toEqual(['hex']);
    expect(await ids('eq', { f: oid })).toEqual([]);
    expect(await coll('eq').countDocuments({ _id: oid, g: 3 })).toBe(1);
    expect(await coll('eq').countDocuments({ _id: oid, g: 1 })).toBe(0);
  });

  it('follows a dotted path into arrays of documents and arrays below it', async () => {
    const expected = ['array-below', 'array-of-docs', 'doc'];
    expect(await ids('dot', { 'p.q': 'v' })).toEqual(expected);
    expect(await coll('dot').countDocuments({ 'p.q': 'v' })).toBe(3);
    const updated = await coll('dot').updateMany({ 'p.q': 'v' }, { $set: { hit: true } });
    expect(updated.modifiedCount).toBe(3);
    expect(await ids('dot', { hit: true })).toEqual(expected);
  });
});

describe('dotted paths under an index', () => {
  it('match through an array at any level, never through a null, scalar or missing parent', async () => {
    expect(await ids('deep', { 'r.s.t': 'v' })).toEqual(['arr-leaf', 'arr-mid', 'arr-top', 'obj']);
    expect(await ids('deep', { 'r.s.t': 'v', k: 1 })).toEqual(['arr-top', 'obj']);
    expect(await ids('deep', { 'r.s.t': 'w' })).toEqual(['arr-top', 'other']);
    expect(await ids('deep', { 'r.s': 'v' })).toEqual(['scalar-mid']);
    expect(await coll('deep').countDocuments({ 'r.s.t': 'v' })).toBe(4);
    expect(await ids('dot', { 'p.q': 'x' })).toEqual(['array-of-docs']);
    expect(await ids('dot', { 'p.q': 'w' })).toEqual(['other']);
  });

  it('compare ranges and $in element by element through arrays', async () => {
    expect(await ids('deep', { 'r.s.t': { $gt: 1 } })).toEqual(['arr-num']);
    expect(await ids('deep', { 'r.s.t': { $lte: 2 } })).toEqual(['arr-num', 'num']);
    expect(await ids('deep', { 'r.s.t': { $in: ['x', 1] } })).toEqual(['arr-mid', 'num']);
  });

  it('sort and limit after matching through arrays', async () => {
    const page = await coll('deep')
      .find({ 'r.s.t': 'v' })
      .sort({ k: -1, _id: 1 })
      .limit(3)
      .toArray();
    expect(page.map((d) => String(d._id))).toEqual(['arr-leaf', 'arr-mid', 'arr-top']);
  });

  it('lists, drops and creates again an index on a dotted path', async () => {
    const docs = coll('dottedIndex');
    const names = async () => (await docs.listIndexes().toArray()).map((i) => i.name).sort();
    await docs.insertOne({ _id: 'one' as never, a: [{ b: { c: 1 } }], d: { e: 2 } });
    for (let round = 0; round < 2; round++) {
      await docs.createIndex({ 'a.b.c': 1, 'd.e': 1 }, { name: 'abc_de' });
      await docs.createIndex({ 'a.b': 1 });
      expect(await names()).toEqual(['_id_', 'a.b_1', 'abc_de']);
      expect(await ids('dottedIndex', { 'a.b.c': 1, 'd.e': 2 })).toEqual(['one']);
      await docs.dropIndex('abc_de');
      expect(await names()).toEqual(['_id_', 'a.b_1']);
      await docs.createIndex({ 'a.b.c': 1, 'd.e': 1 }, { name: 'abc_de' });
      await docs.dropIndexes();
      expect(await names()).toEqual(['_id_']);
    }
  });
});

describe('fields holding arrays', () => {
  it('match a value among the elements, never in an empty array', async () => {
    expect(await ids('arr', { tags: 'v' })).toEqual(['among', 'scalar']);
    expect(await ids('arr', { tags: 'b' })).toEqual(['among']);
    expect(await ids('arr', { tags: [] })).toEqual(['empty']);
    expect(await ids('arr', { tags: { $in: ['v', 2] } })).toEqual([
      'among',
      'int-in-array',
      'scalar',
    ]);
    expect(await ids('arr', { 'tags.1': 'v' })).toEqual(['among']);
    expect(await coll('arr').countDocuments({ tags: 'v' })).toBe(2);
  });

  it('compare elements by numeric value, and dates and ObjectIds by type', async () => {
    const ones = ['double-in-array', 'int-in-array', 'long-scalar'];
    expect(await ids('arr', { tags: 1 })).toEqual(ones);
    expect(await ids('arr', { tags: new Double(1) })).toEqual(ones);
    expect(await ids('arr', { tags: Long.fromNumber(1) })).toEqual(ones);
    expect(await ids('arr', { tags: 3 })).toEqual(['double-in-array']);
    expect(await ids('arr', { tags: new Date(1000) })).toEqual(['dates']);
    expect(await ids('arr', { tags: 1000 })).toEqual(['millis']);
    expect(await ids('arr', { tags: oid })).toEqual(['oid-in-array']);
    expect(await ids('arr', { tags: oid.toHexString() })).toEqual(['hex-in-array']);
  });

  it('match a dotted value in an array of documents, directly or in their inner arrays', async () => {
    const h2 = ['inner-array', 'object', 'object-array', 'second'];
    expect(await ids('parties', { 'parties.phone': 'h2' })).toEqual(h2);
    expect(await coll('parties').countDocuments({ 'parties.phone': 'h2' })).toBe(4);
    expect(await ids('parties', { 'parties.phone': { $eq: 'h0' } })).toEqual(['inner-array']);
    expect(await ids('parties', { 'parties.phone': 'h1', 'parties.name': 'B' })).toEqual([
      'second',
    ]);
    expect(await ids('parties', { 'parties.phone': { $in: ['h0', 'h3'] } })).toEqual([
      'inner-array',
      'other',
    ]);
    expect(await ids('parties', { 'parties.1.phone': 'h2' })).toEqual(['second']);
    expect(await ids('parties', { 'parties.phone': 'h9' })).toEqual([]);
  });

  it('compare dotted values in arrays by numeric value, and dates by type', async () => {
    expect(await ids('parties', { 'parties.phone': 7 })).toEqual(['double', 'long-inner']);
    expect(await ids('parties', { 'parties.phone': Long.fromNumber(7) })).toEqual([
      'double',
      'long-inner',
    ]);
    expect(await ids('parties', { 'parties.phone': new Date(7) })).toEqual(['date']);
  });

  it('keep matching while indexes below the same parent are dropped and created again', async () => {
    const parties = coll('parties');
    // (the other indexes are the ones every set gets)
    const names = async () =>
      (await parties.listIndexes().toArray())
        .map((i) => String(i.name))
        .filter((n) => n === '_id_' || n.startsWith('parties.'))
        .sort();
    const h2 = ['inner-array', 'object', 'object-array', 'second'];
    await parties.dropIndex('parties.name_1_t_-1__id_-1');
    expect(await names()).toEqual(['_id_', 'parties.phone_1_t_-1__id_-1']);
    expect(await ids('parties', { 'parties.phone': 'h2' })).toEqual(h2);
    await parties.createIndex({ 'parties.name': 1 });
    await parties.dropIndexes();
    expect(await names()).toEqual(['_id_']);
    expect(await ids('parties', { 'parties.phone': 'h2' })).toEqual(h2);
    await parties.createIndex({ 'parties.phone': 1, t: -1, _id: -1 });
    await parties.createIndex({ 'parties.name': 1, t: -1, _id: -1 });
    expect(await ids('parties', { 'parties.phone': 'h2' })).toEqual(h2);
    expect(await ids('parties', { 'parties.name': 'B' })).toEqual(['other', 'second']);
  });
});

describe('a document with a large array of documents under indexes', () => {
  it('is stored and found like any other (no index entry holds the whole array)', async () => {
    // 30 parties, 5 kB of hex that does not compress (a btree entry holds at most 2,704 bytes)
    let seed = 7;
    const hex = (n: number) =>
      Array.from({ length: n }, () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (((t ^ (t >>> 14)) >>> 0) % 16).toString(16);
      }).join('');
    const parties = Array.from({ length: 30 }, () => ({ phone: hex(24), name: hex(120) }));
    await coll('parties').insertOne({ _id: 'many' as never, parties });
    expect(await ids('parties', { 'parties.phone': parties[29].phone })).toEqual(['many']);
    expect(await coll('parties').deleteOne({ _id: 'many' as never })).toMatchObject({
      deletedCount: 1,
    });
  });
});

describe('ranges and $in', () => {
  it('compare numbers only with numbers, any array element satisfying each bound', async () => {
    expect(await ids('num', { n: { $gt: 1 } })).toEqual(['fraction', 'huge']);
    expect(await ids('num', { n: { $gte: 1 } })).toEqual([
      'array',
      'double',
      'fraction',
      'huge',
      'int32',
      'long',
    ]);
    expect(await ids('num', { n: { $lt: 1 } })).toEqual(['array', 'negative']);
    expect(await ids('num', { n: { $gt: 0, $lte: 1 } })).toEqual([
      'array',
      'double',
      'int32',
      'long',
    ]);
    expect(await coll('num').countDocuments({ n: { $gte: Long.fromNumber(2) } })).toBe(2);
  });

  it('compare dates only with dates and strings only with strings', async () => {
    expect(await ids('num', { n: { $gte: new Date(0) } })).toEqual(['date']);
    expect(await ids('num', { n: { $lt: new Date(1) } })).toEqual([]);
    expect(await ids('eq', { f: { $gte: 'a', $lt: 'w' } })).toEqual(['in-array', 'plain']);
    expect(await ids('eq', { f: { $lt: 'a' } })).toEqual(['hex', 'upper']);
  });

  it('match any listed value, null matching missing fields', async () => {
    expect(await ids('num', { n: { $in: [2.5, '1'] } })).toEqual(['fraction', 'string']);
    expect(await ids('num', { n: { $in: [0, -7] } })).toEqual(['array', 'negative']);
    expect(await ids('eq', { f: { $in: ['v', null] } })).toEqual([
      'in-array',
      'missing',
      'null',
      'plain',
    ]);
  });
});

describe('$or', () => {
  const either = { $or: [{ a: 'x' }, { b: 'x' }] };

  it('matches either branch, arrays holding the value included', async () => {
    expect(await ids('or', either)).toEqual(['o1', 'o2', 'o3', 'o4', 'o9']);
    expect(await coll('or').countDocuments({ ...either, t: { $lt: 4 } })).toBe(3);
    expect(await ids('or', { $or: [{ a: { $in: ['q', 'p'] } }, { b: 'y' }] })).toEqual([
      'o1',
      'o2',
      'o3',
      'o4',
    ]);
    expect(
      await ids('or', {
        $or: [
          { a: 'x', st: 'held' },
          { b: 'x', t: { $gt: 3 } },
        ],
      }),
    ).toEqual(['o4', 'o9']);
    expect(await ids('or', { $or: [{ 'b.c': 'x' }, { a: 'q' }] })).toEqual(['o3', 'o4', 'o8']);
    expect(await ids('deep', { $or: [{ 'r.s.t': 'w' }, { k: 3 }] })).toEqual([
      'arr-num',
      'arr-top',
      'num',
      'other',
    ]);
  });

  it('ANDs the other top-level conditions, then sorts, skips and limits', async () => {
    const filter = { ...either, st: { $in: ['open', 'held'] } };
    expect(await ids('or', filter)).toEqual(['o1', 'o2', 'o4', 'o9']);
    const page = async (skip: number, limit: number) =>
      (await coll('or').find(filter).sort({ t: -1, _id: 1 }).skip(skip).limit(limit).toArray()).map(
        (d) => String(d._id),
      );
    expect(await page(0, 2)).toEqual(['o9', 'o4']);
    expect(await page(1, 2)).toEqual(['o4', 'o2']);
    expect(await page(3, 5)).toEqual(['o1']);
  });

  it('matches whatever a branch the server checks itself matches', async () => {
    expect(await ids('or', { $or: [{ a: 'x' }, { b: { $regex: '^q' } }] })).toEqual([
      'o1',
      'o2',
      'o5',
      'o9',
    ]);
    expect(await ids('or', { $or: [{ b: 'y' }, { a: { $exists: false } }] })).toEqual(['o1', 'o5']);
    expect(await ids('or', { $or: [{ a: null }, { b: 'z' }] })).toEqual(['o2', 'o5', 'o6']);
    expect(
      await ids('or', { $or: [{ $or: [{ a: 'q' }, { b: 'q' }] }, { a: 'xx' }], st: 'open' }),
    ).toEqual(['o4', 'o5', 'o7']);
    const first = await coll('or')
      .find({ $or: [{ a: 'x' }, { t: { $type: 'number' }, st: 'held' }] })
      .sort({ t: 1 })
      .limit(3)
      .toArray();
    expect(first.map((d) => String(d._id))).toEqual(['o1', 'o2', 'o6']);
  });
});

describe('sort, skip and limit', () => {
  const order = async (
    filter: Record<string, unknown>,
    sort: Record<string, 1 | -1>,
    skip = 0,
    limit = 0,
  ) =>
    (await coll('sorted').find(filter).sort(sort).skip(skip).limit(limit).toArray()).map((d) =>
      String(d._id),
    );

  // MongoDB's order: missing and null (equal) < numbers (by value) < strings < dates.
  const ascending = ['k1', 'k2', 'k3', 'k0', 'k4', 'k5', 'k6', 'k8', 'k7', 'k9'];

  it('orders mixed types as MongoDB does, ties broken by the next key', async () => {
    expect(await order({}, { s: 1, _id: 1 })).toEqual(ascending);
    expect(await order({}, { s: -1, _id: -1 })).toEqual([...ascending].reverse());
  });

  it('applies skip and limit after the sort', async () => {
    expect(await order({}, { s: 1, _id: 1 }, 2, 3)).toEqual(['k3', 'k0', 'k4']);
    expect(await order({}, { s: -1, _id: -1 }, 0, 2)).toEqual(['k9', 'k7']);
    expect(await order({}, { s: 1, _id: 1 }, 9, 5)).toEqual(['k9']);
  });

  it('sorts arrays by their smallest or largest element, documents after numbers', async () => {
    const arrays = coll('sortedArrays');
    const first2 = async (sort: Record<string, 1 | -1>) =>
      (await arrays.find({}).sort(sort).limit(2).toArray()).map((d) => String(d._id));
    expect(await first2({ s: 1 })).toEqual(['a1', 'a3']);
    expect(await first2({ s: -1 })).toEqual(['a4', 'a1']);
  });

  it('orders by an ordered index as by any other, an array within a tie included', async () => {
    const ordered = async (filter: Record<string, unknown>, limit: number) =>
      (await coll('ordered').find(filter).sort({ t: -1, k: -1 }).limit(limit).toArray()).map((d) =>
        String(d._id),
      );
    // Dates first descending, then strings, numbers, missing; the array k ties by its largest element.
    const all = ['n1', 'n2', 'n4', 'n3', 'n5', 'n8', 'n6', 'n7'];
    for (const limit of [2, 3, 4, 8]) expect(await ordered({}, limit)).toEqual(all.slice(0, limit));
    // A later page after (t 3000, k 'b'), as a cursor asks for it.
    const after = { $or: [{ t: { $lt: new Date(3000) } }, { t: new Date(3000), k: { $lt: 'b' } }] };
    expect(await ordered(after, 2)).toEqual(['n2', 'n4']);
    expect(await ordered({ k: { $ne: 'z' } }, 1)).toEqual(['n1']);
    // The other way round the index does not order: the same results, sorted without it.
    const reversed = await coll('ordered').find({}).sort({ t: 1, k: 1 }).limit(3).toArray();
    expect(reversed.map((d) => String(d._id))).toEqual(['n7', 'n6', 'n8']);
  });

  /** A page of the collection sorted by t then _id, both one way (newest first by default). */
  const pageByT =
    (name: string) =>
    async (filter: Record<string, unknown>, limit: number, direction: 1 | -1 = -1) =>
      (
        await coll(name).find(filter).sort({ t: direction, _id: direction }).limit(limit).toArray()
      ).map((d) => String(d._id));

  it('reads a page within bounds on the first key of an ordered index as MongoDB does', async () => {
    const page = pageByT('bounded');
    const before = (ms: number) => ({ $lt: new Date(ms) });
    // A cursor's later page: dates only, newest first, ties by _id.
    expect(await page({ g: 's', t: before(3000) }, 2)).toEqual(['b4', 'b5']);
    expect(await page({ g: 's', t: before(3000) }, 5)).toEqual(['b4', 'b5']);
    expect(await page({ g: 's', t: { $lte: new Date(3000) } }, 3)).toEqual(['b3', 'b13', 'b4']);
    // A period, both ways round (the index orders one of them).
    const period = { g: 's', t: { $gte: new Date(2000), $lt: new Date(5000) } };
    expect(await page(period, 10)).toEqual(['b2', 'b3', 'b13', 'b4']);
    expect(await page(period, 3, 1)).toEqual(['b4', 'b13', 'b3']);
    // Numbers bound numbers only; bounds of two types match no scalar.
    expect(await page({ g: 's', t: { $gt: 100 } }, 5)).toEqual(['b6']);
    expect(await page({ g: 's', t: { $gt: 100, $lt: new Date(9000) } }, 5)).toEqual([]);
    // Another condition on the same field still applies.
    expect(await page({ g: 's', t: { ...before(3000), $ne: new Date(2000) } }, 5)).toEqual(['b5']);
    // An array with an element in the bounds matches and sorts by its largest (smallest) element.
    expect(await page({ g: 'a', t: before(3000) }, 2)).toEqual(['a2', 'a1']);
    expect(await page({ g: 'a', t: before(3000) }, 2, 1)).toEqual(['a5', 'a2']);
    // The bounds alone, over both groups.
    expect(await page({ t: before(3000) }, 3)).toEqual(['a2', 'b4', 'a1']);
  });

  it('reads a page of one value of the first key of an ordered index as MongoDB does', async () => {
    const page = pageByT('prefixed');
    // 3 in any numeric type, and the array holding it in its place by t; ties on t by _id.
    const threes = ['s1', 's5', 's3', 's2', 's10'];
    for (const limit of [1, 2, 3, 5, 10])
      expect(await page({ g: 's', k: 3 }, limit)).toEqual(threes.slice(0, limit));
    expect(await page({ g: 's', k: { $in: [3] } }, 3)).toEqual(threes.slice(0, 3));
    expect(await page({ g: 's', k: { $eq: new Double(3) } }, 3)).toEqual(threes.slice(0, 3));
    expect(await page({ g: 's', k: Long.fromNumber(3) }, 3)).toEqual(threes.slice(0, 3));
    // Another value: the array [4] and the array [3, 4] hold it.
    expect(await page({ g: 's', k: 4 }, 5)).toEqual(['s7', 's6', 's5']);
    // Strings by their exact text, never the number; a date as a value.
    expect(await page({ g: 's', k: '3' }, 5)).toEqual(['s4']);
    expect(await page({ g: 's', k: 'a' }, 1)).toEqual(['s12']);
    expect(await page({ g: 's', k: 'A' }, 5)).toEqual([]);
    expect(await page({ g: 's', k: new Date(100) }, 5)).toEqual(['s13']);
    // An array in the sort field sorts by its largest element, over both groups.
    expect(await page({ k: 3 }, 3)).toEqual(['u1', 's1', 's5']);
    // The other direction, which the index does not order, gives MongoDB's order too.
    expect(await page({ g: 's', k: 3 }, 2, 1)).toEqual(['s10', 's2']);
  });

  it('limits after the whole filter, also the part the server checks itself', async () => {
    expect(await order({ grp: 'a', s: { $type: 'number' } }, { s: 1, _id: 1 }, 0, 2)).toEqual([
      'k3',
      'k0',
    ]);
    expect(await order({ grp: 'b', s: { $type: 'string' } }, { s: -1 }, 0, 1)).toEqual(['k8']);
  });

  it('limits after filtering', async () => {
    expect(await order({ grp: 'a' }, { s: -1, _id: 1 }, 0, 3)).toEqual(['k9', 'k7', 'k5']);
    expect(await order({ grp: 'b' }, { s: 1, _id: 1 }, 1, 2)).toEqual(['k4', 'k6']);
    expect(await coll('sorted').countDocuments({ grp: 'a' }, { limit: 2 })).toBe(2);
    expect(await coll('sorted').countDocuments({ grp: 'a' }, { skip: 4 })).toBe(2);
  });
});

describe('update guarded by {_id, version}', () => {
  it('writes when the version holds, whatever its numeric type, and misses when it does not', async () => {
    const docs = coll('guarded');
    await docs.insertMany([
      { _id: 'case-1' as never, version: Long.fromNumber(1), note: 'a' },
      { _id: oid as never, version: new Double(1), note: 'b' },
    ]);
    const first = await docs.updateOne(
      { _id: 'case-1' as never, version: 1 },
      { $inc: { version: 1 } },
    );
    expect(first.modifiedCount).toBe(1);
    const stale = await docs.updateOne(
      { _id: 'case-1' as never, version: 1 },
      { $inc: { version: 1 } },
    );
    expect(stale.matchedCount).toBe(0);
    const byOid = await docs.updateOne({ _id: oid as never, version: 1 }, { $set: { note: 'c' } });
    expect(byOid.modifiedCount).toBe(1);
    expect(await docs.findOne({ _id: 'case-1' as never })).toMatchObject({ version: 2, note: 'a' });
    expect(await docs.findOne({ _id: oid as never })).toMatchObject({ version: 1, note: 'c' });
  });
});
