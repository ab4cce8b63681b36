import { randomUUID } from 'node:crypto';
import type { GrpcServiceKey } from '@mediation/contracts';
import { createKafka } from '@mediation/event-bus';
import type { Platform } from '@mediation/test-platform';
import { ferretTable, sqlIdent, type PrivateStack } from '@mediation/testing';

// The faults the suite injects, each as "break" then "repair". What a fault does to the
// platform is only what an operator or a crash would do: signals to processes, servers stopped
// and started, a message no producer of the platform would write.

export interface Fault {
  name: string;
  /** Breaks something; resolves once it is broken. */
  inject(): Promise<void>;
  /** Puts it right (a restart, a server started); resolves once that is done. */
  repair(): Promise<void>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** kill -9 of a service's process, and a start of a new one after `downMs`. */
export const killService = (
  platform: Platform,
  service: GrpcServiceKey,
  downMs = 3_000,
): Fault => ({
  name: `kill -9 ${service}`,
  inject: () => platform.kill(service),
  repair: async () => {
    await pause(downMs);
    await platform.restart(service);
  },
});

/** The broker stopped (SIGTERM, as an operator's stop) for `downMs`, then started. */
export const brokerOutage = (stack: PrivateStack, downMs = 10_000): Fault => ({
  name: 'broker stop and start',
  inject: () => Promise.resolve(stack.stop('kafka')),
  repair: async () => {
    await pause(downMs);
    stack.start('kafka');
  },
});

/**
 * The store (FerretDB) stopped for `downMs`, then started: every command and every event handler
 * that writes fails meanwhile (the handlers for longer than their retries: they park and recover).
 */
export const storeOutage = (stack: PrivateStack, downMs = 30_000): Fault => ({
  name: `store stop for ${downMs / 1000} s and start`,
  inject: () => Promise.resolve(stack.stop('ferretdb')),
  repair: async () => {
    await pause(downMs);
    stack.start('ferretdb');
  },
});

/**
 * One event handler failing for `downMs` while the broker, the store and every other handler
 * work: the PostgreSQL table behind `collection` of `database` is renamed away (FerretDB keeps
 * each database as a schema, each collection as a table), so every write of the handler that
 * fills it fails; its consumer retries, parks the aggregate and goes on with the others. Then the
 * table is renamed back, and the parked aggregates are retried and applied.
 */
export const handlerFailure = (
  stack: PrivateStack,
  database: string,
  collection: string,
  downMs = 30_000,
): Fault => {
  let table = '';
  const away = () => `${table}_away`;
  return {
    name: `${collection} handler failing for ${downMs / 1000} s`,
    inject: async () => {
      table = ferretTable(database, collection, stack.env).table;
      stack.sql(
        `ALTER TABLE ${sqlIdent(database)}.${sqlIdent(table)} RENAME TO ${sqlIdent(away())}`,
      );
    },
    repair: async () => {
      await pause(downMs);
      stack.sql(
        `ALTER TABLE ${sqlIdent(database)}.${sqlIdent(away())} RENAME TO ${sqlIdent(table)}`,
      );
    },
  };
};

/** A message no service can decode, on a topic every consumer reads, under a key of its own. */
export const poisonEvent = (brokers: string[], topic: string): Fault => ({
  name: 'poison event',
  inject: async () => {
    const producer = createKafka({ brokers, clientId: 'fault-poison' }).producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: [
          {
            key: randomUUID(),
            value: Buffer.from('not a protobuf event envelope \u0000\u00ff'),
            headers: { ce_type: 'mediation.intake.v1.CaseOpened', ce_id: randomUUID() },
          },
        ],
      });
    } finally {
      await producer.disconnect();
    }
  },
  repair: () => Promise.resolve(),
});
