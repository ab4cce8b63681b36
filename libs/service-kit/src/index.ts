export { startGrpcService, stopOnSignals } from './bootstrap-grpc-service';
export type { GrpcServiceOptions, RunningService, Stoppable } from './bootstrap-grpc-service';
export { runService } from './run-service';
export type { ServiceSpec } from './run-service';
export { LIVENESS_SERVICE, ServiceHealth } from './health';
export type { HealthCheck } from './health';
export { NestPinoLogger } from './nest-pino-logger';
export { InfrastructureModule, KAFKA, MONGO_CONNECTION } from './infrastructure.module';
export type { InfrastructureConfig } from './infrastructure.module';
export { startPlatformService } from './start-platform-service';
export { isReadinessGate, latched, readinessChecks, readinessGates } from './readiness';
export type { ReadinessGate } from './readiness';
export type { PlatformServiceOptions } from './start-platform-service';
export {
  asGrpcError,
  failedPrecondition,
  FIELD_VIOLATIONS_KEY,
  fieldViolations,
  grpcError,
  idempotencyKeyReused,
  invalidArgument,
  notFound,
  permissionDenied,
  requirePrincipal,
  unauthenticated,
} from './grpc-errors';
export type { FieldViolation } from './grpc-errors';
export { callMetadata, createGrpcClient } from './grpc-client';
export { grpcChannelCredentials, grpcServerCredentials, grpcTls, processGrpcTls } from './grpc-tls';
export type { GrpcTls } from './grpc-tls';
export { principalAuthInterceptor, processPrincipalSigner } from './principal-auth';
export type {
  CallAs,
  EnumDecoding,
  GrpcClient,
  GrpcClientOptions,
  GrpcClientResponse,
} from './grpc-client';
export {
  DEFAULT_GRPC_CLIENT_SETTINGS,
  grpcClientSettings,
  retriedMethods,
  serviceConfig,
} from './grpc-service-config';
export type { GrpcClientSettings } from './grpc-service-config';
export { BackgroundConsumer } from './background-consumer';
export type { BackgroundConsumerOptions } from './background-consumer';
export {
  assertNotBeforeLastStep,
  backfillWrittenAt,
  BACKFILL_TIMER_HOLD_MS,
  BACKFILLED_EVENT_LAG_MS,
  commandTime,
  eventTime,
  heldByBackfill,
  mayBackfill,
  RECORDED_AT_METADATA_KEY,
} from './command-time';
export type { BackfillMark, CommandTime, CommandTimeOptions } from './command-time';
export {
  noteUnknownFields,
  RejectUnknownFields,
  UNKNOWN_FIELDS,
  UNSAFE_TEXT,
  unknownFieldPaths,
} from './unknown-fields';
export {
  checkTextTree,
  cleanText,
  jsonPath,
  MAX_STRING_LENGTH,
  protoPath,
  textKindOf,
  textProblem,
} from './text-safety';
export type { TextKind, TextViolation } from './text-safety';
export { CommandPipeline, expectedVersion, toRpcError } from './command-pipeline';
export type {
  AggregateCommand,
  CommandCall,
  CommandPipelineOptions,
  CommandTarget,
  RpcCall,
  VersionedRequest,
} from './command-pipeline';
export { BackgroundWork, backgroundWork } from './background-work';
export type { BackgroundWorker } from './background-work';
