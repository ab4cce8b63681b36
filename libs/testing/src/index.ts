export {
  assertTestDatabaseName,
  eventually,
  testBrokers,
  testMongoUrl,
  testS3,
  uniqueName,
} from './test-infra';
export { readTopic, withKafkaAdmin } from './kafka';
export {
  ferretTable,
  holdCollectionLock,
  PrivateStack,
  sqlIdent,
  stackCommand,
  stackSql,
  type PrivateStackPorts,
} from './stack-control';
export { freePort, grpcHealthStatus } from './grpc-health';
export { describeServiceHealth } from './service-health-suite';
export { pdfText } from './pdf-text';
export {
  explainAll,
  explainFind,
  readPlan,
  scanning,
  type PlannedQuery,
  type QueryPlan,
  type QueryShape,
} from './query-plan';
export { plansOf, queriesOf, recordQueries, type RecordedQuery } from './query-recorder';
