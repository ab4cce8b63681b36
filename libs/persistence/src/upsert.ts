import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { isDuplicateKey } from './duplicate-key';

/**
 * `updateOne` by `_id` with `upsert`, sent once more when it meets a duplicate key. Two upserts
 * of one new `_id` at once may both find nothing and both insert; the loser is refused with a
 * duplicate key (MongoDB documents the same race, and FerretDB shows it), and its second try
 * finds the document and updates it. Without this, a command and a consumer writing the same new
 * document failed the command with an unknown error.
 */
export async function upsertById<T extends Document & { _id: string }>(
  collection: Pick<Collection<T>, 'updateOne'>,
  id: string,
  update: UpdateFilter<T>,
): Promise<void> {
  const filter = { _id: id } as Filter<T>;
  try {
    await collection.updateOne(filter, update, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await collection.updateOne(filter, update, { upsert: true });
  }
}
