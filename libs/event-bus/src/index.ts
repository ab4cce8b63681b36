export type { BusEvent, OutgoingEvent } from './bus-event';
export { headerString } from './kafka-headers';
export { backoffDelay, DEFAULT_RETRY, sleep } from './backoff';
export type { Backoff, RetryPolicy } from './backoff';
export { START_RETRY_BACKOFF, startWithRetry } from './start-retry';
export type { StartRetryOptions } from './start-retry';
export { createKafka } from './kafka-client';
export type { KafkaOptions } from './kafka-client';
export { kafkaSecurity, KafkaSecurityError } from './kafka-security';
export type { KafkaSecuritySettings } from './kafka-security';
export { applyTopicAcls, topicAcls } from './topic-acls';
export { EventPublisher, PUBLISH_RETRY } from './event-publisher';
export type { EventPublisherOptions } from './event-publisher';
export { EventConsumer } from './event-consumer';
export { CatchUp } from './catch-up';
export type { Assignment, PartitionPositions } from './catch-up';
export { createGroupConsumer, rawMessage, restartWhenAbandoned } from './group-consumer';
export type { EventConsumerOptions } from './event-consumer';
export { MessageProcessor, NonRetriableError } from './message-processor';
export { RunProcessor } from './run-processor';
export type { RunHandler, RunProcessorOptions } from './run-processor';
export type { DeadLetter, EventHandler, Outcome, RawMessage } from './message-processor';
export { deadLetterMessage } from './dead-letter';
export { ensureTopics } from './topic-bootstrap';
export type { TopicSpec } from './topic-bootstrap';
export { HandlerKeepsSequences, InMemorySequenceStore } from './sequence-store';
export type { SequenceStore } from './sequence-store';
export {
  AUTO_RETRY,
  firstOfEachAggregate,
  InMemoryParkedStore,
  parkedId,
  retryDue,
} from './parked-store';
export type {
  AggregateSelector,
  ParkedMessage,
  ParkedStore,
  SkippedMessage,
  SkipRecord,
} from './parked-store';
export { decodeBusEvent, encodeBusEvent, toEnvelope } from './bus-event-envelope';
export { aggregateKey } from './message-processor';
