import { isDuplicateKey } from './duplicate-key';

/**
 * Updates per `bulkWrite`. Stock FerretDB v1 keeps each statement's read of an `update` command
 * open until the whole command ends (handler/msg_update.go closes them with a `defer` inside the
 * loop), each on a connection of its backend: on SQLite a database has 100, and a command of 100
 * or more updates waited for a connection it held itself, so that database stopped answering
 * anyone (a goroutine dump showed 100 open reads and the update waiting for a 101st). On
 * PostgreSQL ONE pool of 50 serves every database, so 50 updates in a command hung the whole
 * server. The project's build fixes it (FerretDB patch 0009); commands of 25 stay safe on a stock
 * server too, and bound how long one command holds a connection.
 */
export const UPDATES_PER_COMMAND = 25;

/**
 * Documents per unordered `insertMany`. An insert of a document that exists costs FerretDB a
 * statement of its own (it retries the command's rows one by one): 1,000 of them took 4 s on an
 * idle machine, past the 30 s socket timeout under load, and the retried command timed out the
 * same way for good.
 */
export const INSERTS_PER_COMMAND = 100;

/**
 * The positions (in the command) of the writes an unordered bulk error refused with a duplicate
 * key; any other error is thrown on.
 */
export function duplicateKeyIndexes(error: unknown): number[] {
  const errors = (error as { writeErrors?: unknown }).writeErrors;
  const list = (Array.isArray(errors) ? errors : errors ? [errors] : []) as Array<{
    code?: number;
    index?: number;
  }>;
  if (list.length === 0 || list.some((e) => !isDuplicateKey(e) || e.index === undefined))
    throw error;
  return list.map((e) => e.index as number);
}
