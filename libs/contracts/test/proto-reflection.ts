// Test support: the proto tree through protobufjs reflection, the same parser NestJS uses at run
// time (via @grpc/proto-loader), to check the generated code against it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import { EVENT_PROTO_FILES, GRPC_SERVICES, PROTO_ROOT } from '../src/proto-path';

export const SERVICE_PROTO_FILES: string[] = Object.values(GRPC_SERVICES).flatMap((s) => [
  ...s.protoFiles,
]);

export function listProtoFiles(dir = PROTO_ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listProtoFiles(full);
    return entry.name.endsWith('.proto')
      ? [path.relative(PROTO_ROOT, full).split(path.sep).join('/')]
      : [];
  });
}

export function loadProtoRoot(
  files: string[] = [...SERVICE_PROTO_FILES, ...EVENT_PROTO_FILES],
): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) =>
    path.isAbsolute(target) ? target : path.join(PROTO_ROOT, target);
  root.loadSync(files, { keepCase: false });
  root.resolveAll();
  return root;
}

/** Every message type of the platform's packages (nested ones included). */
export function allMessageTypes(root: protobuf.Root): protobuf.Type[] {
  const out: protobuf.Type[] = [];
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) out.push(nested);
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
    }
  };
  visit(root.lookup('mediation') as protobuf.Namespace);
  return out;
}

const SAMPLE_INT64 = '9007199254740993'; // 2^53 + 1: survives only as a string

/**
 * A message in ts-proto's shape with every field set to a non-default value (one member per real
 * oneof), built from reflection so that it covers each field without listing them.
 */
export function sampleMessage(type: protobuf.Type, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const oneofsSet = new Set<string>();
  for (const field of type.fieldsArray) {
    field.resolve();
    const oneof = field.partOf;
    if (oneof && !oneof.name.startsWith('_')) {
      if (oneofsSet.has(oneof.name)) continue;
      oneofsSet.add(oneof.name);
    }
    const value = sampleValue(field, depth);
    if (value === undefined) continue;
    out[field.name] = field.repeated ? [value] : value;
  }
  return out;
}

function sampleValue(field: protobuf.Field, depth: number): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    return Object.values(resolved.values).find((v) => v !== 0);
  }
  if (resolved instanceof protobuf.Type) {
    if (resolved.fullName === '.google.protobuf.Timestamp')
      return { seconds: '1767225600', nanos: 123000000 };
    return depth < 6 ? sampleMessage(resolved, depth + 1) : null;
  }
  switch (field.type) {
    case 'string':
      return `${field.name}-1`;
    case 'int64':
    case 'uint64':
    case 'sint64':
    case 'fixed64':
    case 'sfixed64':
      return SAMPLE_INT64;
    case 'int32':
    case 'uint32':
    case 'sint32':
    case 'fixed32':
    case 'sfixed32':
      return 7;
    case 'double':
    case 'float':
      return 1.5;
    case 'bool':
      return true;
    case 'bytes':
      return Buffer.from([1, 2, 3]);
    default:
      throw new Error(`no sample for ${field.type}`);
  }
}

/** Message types reachable from a type through its fields (itself included). */
export function reachableTypes(
  type: protobuf.Type,
  seen = new Set<protobuf.Type>(),
): Set<protobuf.Type> {
  if (seen.has(type)) return seen;
  seen.add(type);
  for (const field of type.fieldsArray) {
    field.resolve();
    if (field.resolvedType instanceof protobuf.Type) reachableTypes(field.resolvedType, seen);
  }
  return seen;
}
