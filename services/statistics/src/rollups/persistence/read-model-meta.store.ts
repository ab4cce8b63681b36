import type { Collection, Connection } from 'mongoose';
import { META_COLLECTION } from './read-model.collections';

interface MetaDocument {
  _id: string;
  version: number;
}

/** Which read-model version serves queries, and the highest one ever started. */
export class ReadModelMetaStore {
  private readonly collection: Collection<MetaDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<MetaDocument>(META_COLLECTION);
  }

  async active(): Promise<number> {
    const doc = await this.collection.findOne({ _id: 'active' });
    if (doc) return doc.version;
    await this.collection
      .updateOne({ _id: 'active' }, { $setOnInsert: { version: 1 } }, { upsert: true })
      .catch(() => undefined);
    return (await this.collection.findOne({ _id: 'active' }))?.version ?? 1;
  }

  /**
   * How many physical collections version `version` is spread over: the count it was created
   * with (`wanted` for a new version), so that a changed setting cannot misroute its documents.
   */
  async shards(version: number, wanted: number): Promise<number> {
    const id = `shards_v${version}`;
    const doc = await this.collection.findOne({ _id: id });
    if (doc) return doc.version;
    await this.collection
      .updateOne({ _id: id }, { $setOnInsert: { version: wanted } }, { upsert: true })
      .catch(() => undefined);
    return (await this.collection.findOne({ _id: id }))?.version ?? wanted;
  }

  /**
   * The counting rules (PROJECTION_REVISION) version `version` was projected with; 1 for versions
   * from before revisions were recorded.
   */
  async revision(version: number): Promise<number> {
    return (await this.collection.findOne({ _id: `revision_v${version}` }))?.version ?? 1;
  }

  async setRevision(version: number, revision: number): Promise<void> {
    await this.collection.updateOne(
      { _id: `revision_v${version}` },
      { $set: { version: revision } },
      { upsert: true },
    );
  }

  /** True before the first start on this database (no version has served yet). */
  async isNew(): Promise<boolean> {
    return !(await this.collection.findOne({ _id: 'active' }));
  }

  async activate(version: number): Promise<void> {
    await this.collection.updateOne({ _id: 'active' }, { $set: { version } }, { upsert: true });
  }

  /** A fresh version number for a rebuild (never reused, even after a failed one). */
  async allocate(): Promise<number> {
    const active = await this.active();
    await this.collection.updateOne(
      { _id: 'latest' },
      { $max: { version: active } },
      { upsert: true },
    );
    await this.collection.updateOne({ _id: 'latest' }, { $inc: { version: 1 } });
    return (await this.collection.findOne({ _id: 'latest' }))?.version ?? active + 1;
  }
}
