export { connectMongo, isMongoHealthy } from './mongo-connection';
export type { MongoOptions } from './mongo-connection';
export { defineAggregateSchema } from './outbox';
export type { AggregateFields, AggregateModel, OutboxEntry } from './outbox';
export {
  AggregateExistsError,
  AggregateRepository,
  ConcurrencyError,
  newEvent,
  toOutboxEntries,
} from './aggregate-repository';
export type { Loaded, NewEvent, SaveResult } from './aggregate-repository';
export { OutboxRelay } from './outbox-relay';
export type { OutboxRelayOptions } from './outbox-relay';
export { MongoParkedStore } from './mongo-parked-store';
export { MongoSequenceStore } from './mongo-sequence-store';
export { PollingWorker } from './polling-worker';
export type { PassContext, PollingWorkerOptions } from './polling-worker';
