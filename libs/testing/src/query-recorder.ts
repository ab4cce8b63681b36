import type { CommandStartedEvent, Db, Document, MongoClient } from 'mongodb';
import { explainAll, type PlannedQuery, type QueryShape } from './query-plan';

/** A query the code under test sent, as the store received it. */
export interface RecordedQuery extends QueryShape {
  /** The wire command: find, count, aggregate, update, delete, findAndModify, distinct. */
  command: string;
}

/**
 * The shape of one wire command's read: its filter (an update's, delete's or aggregation's first
 * `$match` too, since the store must find those documents the same way), sort and limit.
 * Commands that read nothing (insert, createIndexes, explain itself...) give none.
 */
export function queriesOf(name: string, command: Document): RecordedQuery[] {
  const collection = String(command[name]);
  switch (name) {
    case 'find':
      return [
        { command: name, collection, filter: command.filter ?? {}, ...sortAndLimit(command) },
      ];
    case 'count':
    case 'distinct':
      return [{ command: name, collection, filter: command.query ?? {} }];
    case 'findAndModify':
      return [
        {
          command: name,
          collection,
          filter: command.query ?? {},
          ...sortAndLimit({ sort: command.sort }),
        },
      ];
    case 'aggregate': {
      const stages = (command.pipeline ?? []) as Document[];
      const match = stages[0]?.$match ?? {};
      const sort = plainSort(stages[1]?.$sort ?? stages[0]?.$sort);
      return [{ command: name, collection, filter: match, ...(sort ? { sort } : {}) }];
    }
    case 'update':
      return ((command.updates ?? []) as Document[]).map((u) => ({
        command: name,
        collection,
        filter: u.q ?? {},
      }));
    case 'delete':
      return ((command.deletes ?? []) as Document[]).map((d) => ({
        command: name,
        collection,
        filter: d.q ?? {},
        ...(d.limit ? { limit: d.limit } : {}),
      }));
    default:
      return [];
  }
}

/** The driver sends a sort as a Map (its keys' order is the sort's); a plain object from here on. */
function plainSort(sort: unknown): Document | undefined {
  const plain = sort instanceof Map ? Object.fromEntries(sort) : (sort as Document | undefined);
  return plain && Object.keys(plain).length ? plain : undefined;
}

function sortAndLimit(command: Document): Pick<QueryShape, 'sort' | 'limit'> {
  const sort = plainSort(command.sort);
  return {
    ...(sort ? { sort } : {}),
    ...(command.limit ? { limit: Number(command.limit) } : {}),
  };
}

/**
 * Records the queries `client` sends while `run` runs, so a test can explain exactly what the
 * service's own code asked for. The client must be created with `monitorCommands: true`
 * (mongoose passes it through: `createConnection(url, { monitorCommands: true })`).
 */
export async function recordQueries(
  client: MongoClient,
  run: () => Promise<unknown>,
): Promise<RecordedQuery[]> {
  const seen: RecordedQuery[] = [];
  const listener = (event: CommandStartedEvent) =>
    seen.push(...queriesOf(event.commandName, event.command));
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

/**
 * The store's plan for every query `run` sends through `client` to `db` (explained afterwards,
 * each as a find with the same filter, sort and limit): what an index-use spec asserts on.
 */
export async function plansOf(
  client: MongoClient,
  db: Db,
  run: () => Promise<unknown>,
): Promise<PlannedQuery[]> {
  return explainAll(db, await recordQueries(client, run));
}
