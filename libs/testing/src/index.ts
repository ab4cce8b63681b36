export {
  assertTestDatabaseName,
  eventually,
  testBrokers,
  testMongoUrl,
  uniqueName,
} from './test-infra';
export { readTopic, withKafkaAdmin } from './kafka';
export { stackCommand } from './stack-control';
export { freePort, grpcHealthStatus } from './grpc-health';
export { describeServiceHealth } from './service-health-suite';
export { pdfText } from './pdf-text';
