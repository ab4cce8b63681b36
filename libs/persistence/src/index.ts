export {
  connectMongo,
  isMongoHealthy,
  MONGO_TIMEOUT_DEFAULTS,
  reopenMongo,
  storeHealthCheck,
} from './mongo-connection';
export type { MongoOptions } from './mongo-connection';
export { allOf, type Condition } from './all-of';
export { defineAggregateSchema } from './outbox';
export { orderedIndex, ORDERED_INDEX_PREFIX } from './ordered-index';
export { buildSchemaIndexes } from './schema-indexes';
export {
  dropIndexIfPresent,
  MIGRATIONS_COLLECTION,
  rewriteInBatches,
  runDataMigrationOnce,
  type RewriteOptions,
} from './data-migrations';
export type { AggregateFields, AggregateModel, OutboxEntry } from './outbox';
export {
  AggregateExistsError,
  AggregateRepository,
  ConcurrencyError,
  newEvent,
  toOutboxEntries,
} from './aggregate-repository';
export type { Loaded, NewEvent, SaveResult } from './aggregate-repository';
export { busEventOf, OutboxRelay, relayPollSchedule } from './outbox-relay';
export { findSetAsideOutboxes, retrySetAsideOutbox } from './outbox-set-aside';
export { isRefusedByBroker, UnpublishableEventError } from './publish-refusal';
export type { OutboxRelayOptions } from './outbox-relay';
export { MongoParkedStore } from './mongo-parked-store';
export { storeFailure } from './store-failure';
export { isDuplicateKey } from './duplicate-key';
export { duplicateKeyIndexes, INSERTS_PER_COMMAND, UPDATES_PER_COMMAND } from './bulk-writes';
export { upsertById } from './upsert';
export { MongoSequenceStore } from './mongo-sequence-store';
export { PollingWorker } from './polling-worker';
export { sweepDue } from './due-sweep';
export type { SweepDueOptions, SweepResult } from './due-sweep';
export type { PassContext, PollingWorkerOptions } from './polling-worker';
export { SealError, Sealer } from './sealing';
export type { SealingKey, SealingKeys } from './sealing';
