// Where the .proto files are at run time, and what each NestJS gRPC server or client must load.
// NestJS (through @grpc/proto-loader) parses the .proto files when it starts, so they ship with
// the services; the generated TypeScript is only types and event codecs.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file every complete proto tree has; used to recognise the root. */
const MARKER = path.join('mediation', 'events', 'v1', 'envelope.proto');

function findProtoRoot(): string {
  const fromEnv = process.env['PROTO_ROOT'];
  if (fromEnv) return path.resolve(fromEnv);
  // libs/contracts/src/proto-path.ts and libs/contracts/dist/proto-path.js are both three levels
  // below the workspace root.
  const conventional = path.resolve(__dirname, '..', '..', '..', 'proto');
  if (fs.existsSync(path.join(conventional, MARKER))) return conventional;
  // Bundled or relocated builds: walk up until a proto/ with the marker appears.
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'proto');
    if (fs.existsSync(path.join(candidate, MARKER))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  return conventional;
}

/** Absolute path of the proto/ root (override with the PROTO_ROOT environment variable). */
export const PROTO_ROOT: string = findProtoRoot();

export const PROTO_PACKAGES = {
  common: 'mediation.common.v1',
  events: 'mediation.events.v1',
  intake: 'mediation.intake.v1',
  mediation: 'mediation.mediation.v1',
  referral: 'mediation.referral.v1',
  statistics: 'mediation.statistics.v1',
  notification: 'mediation.notification.v1',
} as const;

export type ProtoPackage = (typeof PROTO_PACKAGES)[keyof typeof PROTO_PACKAGES];

export interface GrpcServiceContract {
  /** Proto package, NestJS `options.package`. */
  readonly package: ProtoPackage;
  /** Service name inside the package, as NestJS and grpc-js look it up. */
  readonly service: string;
  /** Fully qualified name, e.g. for the health service and gRPC reflection. */
  readonly fullName: string;
  /**
   * Files for NestJS `options.protoPath`, relative to PROTO_ROOT: pass them together with
   * GRPC_LOADER_OPTIONS (whose includeDirs = [PROTO_ROOT]) so that each file is loaded once under
   * its import path. Imports (common types, well-known types) are resolved by the loader.
   */
  readonly protoFiles: readonly string[];
}

function contract(pkg: ProtoPackage, service: string, file: string): GrpcServiceContract {
  return Object.freeze({
    package: pkg,
    service,
    fullName: `${pkg}.${service}`,
    protoFiles: Object.freeze([file]),
  });
}

export const GRPC_SERVICES = {
  intake: contract(
    PROTO_PACKAGES.intake,
    'IntakeService',
    'mediation/intake/v1/intake_service.proto',
  ),
  mediation: contract(
    PROTO_PACKAGES.mediation,
    'MediationService',
    'mediation/mediation/v1/mediation_service.proto',
  ),
  referral: contract(
    PROTO_PACKAGES.referral,
    'ReferralService',
    'mediation/referral/v1/referral_service.proto',
  ),
  statistics: contract(
    PROTO_PACKAGES.statistics,
    'StatisticsService',
    'mediation/statistics/v1/statistics_service.proto',
  ),
  notification: contract(
    PROTO_PACKAGES.notification,
    'NotificationService',
    'mediation/notification/v1/notification_service.proto',
  ),
} as const;

export type GrpcServiceKey = keyof typeof GRPC_SERVICES;

/** The envelope and every event message, for tools that decode topics with protobufjs. */
export const EVENT_PROTO_FILES: readonly string[] = Object.freeze([
  'mediation/events/v1/envelope.proto',
  'mediation/intake/v1/events.proto',
  'mediation/mediation/v1/events.proto',
  'mediation/referral/v1/events.proto',
  'mediation/statistics/v1/events.proto',
  'mediation/notification/v1/events.proto',
]);

/** Absolute path of a file below PROTO_ROOT. */
export function protoFilePath(relative: string): string {
  return path.join(PROTO_ROOT, relative);
}
