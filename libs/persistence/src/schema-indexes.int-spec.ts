import { Schema, type Connection } from 'mongoose';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { connectMongo } from './mongo-connection';
import { orderedIndex } from './ordered-index';
import { buildSchemaIndexes } from './schema-indexes';

// A store created by an earlier release holds an index under its old name; the release that renames
// it (as an ordered index) must still start, with the index under its new name.

let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence_schema_indexes')),
  });
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const indexNames = async (collection: string) =>
  (await connection.db!.collection(collection).listIndexes().toArray()).map((i) => i.name).sort();

describe('buildSchemaIndexes', () => {
  it('builds the schema indexes of a new collection', async () => {
    const schema = new Schema({ at: Date, code: String });
    schema.index({ at: -1, _id: -1 }, orderedIndex({ at: -1, _id: -1 }));
    schema.index({ code: 1 }, { unique: true });
    await buildSchemaIndexes(connection.model('Fresh', schema, 'fresh') as never);
    expect(await indexNames('fresh')).toEqual(['_id_', 'code_1', 'ordered:at_-1__id_-1']);
  });

  it('renames an index the store holds under an older name, keeping its documents', async () => {
    const old = connection.db!.collection('renamed');
    await old.insertMany([
      { _id: 'a', at: new Date(1) },
      { _id: 'b', at: new Date(2) },
    ] as never);
    await old.createIndex({ at: -1, _id: -1 });
    expect(await indexNames('renamed')).toEqual(['_id_', 'at_-1__id_-1']);

    const schema = new Schema({ at: Date });
    schema.index({ at: -1, _id: -1 }, orderedIndex({ at: -1, _id: -1 }));
    const model = connection.model('Renamed', schema, 'renamed');
    await buildSchemaIndexes(model as never);

    expect(await indexNames('renamed')).toEqual(['_id_', 'ordered:at_-1__id_-1']);
    const newest = await old.find({}).sort({ at: -1, _id: -1 }).limit(1).toArray();
    expect(newest.map((d) => d._id)).toEqual(['b']);
  });

  it('fails on any other index error, leaving that index unbuilt', async () => {
    await connection.db!.collection('dupes').insertMany([{ k: 1 }, { k: 1 }] as never);
    const schema = new Schema({ k: Number });
    schema.index({ k: 1 }, { unique: true });
    await expect(
      buildSchemaIndexes(connection.model('Dupes', schema, 'dupes') as never),
    ).rejects.toThrow();
    expect(await indexNames('dupes')).toEqual(['_id_']);
  });
});
