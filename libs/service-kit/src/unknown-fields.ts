import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Reader } from 'protobufjs';
import { invalidArgument, type FieldViolation } from './grpc-errors';
import { checkTextTree, protoPath } from './text-safety';

/**
 * protobuf decoders skip fields they do not know, so a client built against another version of a
 * contract (or a hand-made request) would see its extra data silently dropped. The platform
 * rejects such requests instead: every request's wire bytes are walked against the message
 * descriptors of the loaded contract, unknown field numbers are noted on the decoded request, and
 * an interceptor answers INVALID_ARGUMENT (naming each one) before any handler runs.
 */
export const UNKNOWN_FIELDS = Symbol('unknownFields');
/** Unsafe text found in the decoded request (text-safety.ts), noted like unknown fields. */
export const UNSAFE_TEXT = Symbol('unsafeText');

interface FieldDescriptor {
  name: string;
  number: number;
  type: string;
  typeName?: string;
  label?: string;
}
interface MessageDescriptor {
  name?: string;
  field?: FieldDescriptor[];
}
interface TypeDefinition {
  format?: string;
  type?: MessageDescriptor;
}
interface MethodDefinition {
  requestType?: TypeDefinition;
  requestDeserialize: (buffer: Buffer) => object;
}

type Fields = Map<number, FieldDescriptor>;

const fieldsOf = (message: MessageDescriptor): Fields =>
  new Map((message.field ?? []).map((f) => [f.number, f]));

/** Descriptors by fully-qualified name (no leading dot), from a proto-loader package definition. */
function messageFields(definition: Record<string, unknown>): Map<string, Fields> {
  const types = new Map<string, Fields>();
  for (const [name, value] of Object.entries(definition)) {
    const candidate = value as TypeDefinition;
    if (!candidate?.format?.includes('DescriptorProto') || !candidate.type) continue;
    types.set(name, fieldsOf(candidate.type));
  }
  return types;
}

/** Resolves a field's type name the protobuf way: relative names from the innermost scope out. */
function resolveType(
  typeName: string,
  scope: string,
  types: Map<string, Fields>,
): string | undefined {
  if (typeName.startsWith('.')) return types.has(typeName.slice(1)) ? typeName.slice(1) : undefined;
  const parts = scope.split('.');
  for (let i = parts.length; i >= 0; i--) {
    const candidate = [...parts.slice(0, i), typeName].join('.');
    if (types.has(candidate)) return candidate;
  }
  return undefined;
}

/** The unknown fields in one encoded message of type `typeName`, as paths like `parties[1]#17`. */
export function unknownFieldPaths(
  bytes: Uint8Array,
  typeName: string,
  types: Map<string, Fields>,
  path = '',
): string[] {
  const fields = types.get(typeName);
  if (!fields) return [];
  const found: string[] = [];
  const seen = new Map<number, number>();
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    const field = fields.get(number);
    if (!field) {
      found.push(`${path}#${number}`);
      reader.skipType(wireType);
      continue;
    }
    // Map entries are not in the definition: their contents are left to the decoder.
    const nested =
      field.type === 'TYPE_MESSAGE' && field.typeName
        ? resolveType(field.typeName, typeName, types)
        : undefined;
    if (wireType === 2 && nested) {
      const index = seen.get(number) ?? 0;
      seen.set(number, index + 1);
      const repeated = field.label === 'LABEL_REPEATED';
      const at = `${path ? `${path}.` : ''}${field.name}${repeated ? `[${index}]` : ''}`;
      found.push(...unknownFieldPaths(reader.bytes(), nested, types, at));
    } else {
      reader.skipType(wireType);
    }
  }
  return found;
}

/**
 * Wraps every method's request decoder in a proto-loader package definition (pass it as Nest's
 * `onLoadPackageDefinition`), noting unknown fields on the decoded request under UNKNOWN_FIELDS.
 */
export function noteUnknownFields(definition: Record<string, unknown>): void {
  const types = messageFields(definition);
  for (const [serviceName, service] of Object.entries(definition)) {
    if (!service || typeof service !== 'object' || 'format' in service) continue;
    const pkg = serviceName.split('.').slice(0, -1).join('.');
    for (const method of Object.values(service as Record<string, MethodDefinition>)) {
      const simpleName = method?.requestType?.type?.name;
      if (typeof method?.requestDeserialize !== 'function' || !simpleName) continue;
      const typeName = resolveType(simpleName, `${pkg}.${simpleName}`, types);
      if (!typeName) continue;
      const decode = method.requestDeserialize;
      method.requestDeserialize = (buffer: Buffer) => {
        const request = decode(buffer);
        const unknown = unknownFieldPaths(buffer, typeName, types);
        if (unknown.length > 0) Object.defineProperty(request, UNKNOWN_FIELDS, { value: unknown });
        // The same text rules as the HTTP edge: names refused, free text cleaned in place.
        const unsafe = checkTextTree(request, protoPath);
        if (unsafe.length > 0) Object.defineProperty(request, UNSAFE_TEXT, { value: unsafe });
        return request;
      };
    }
  }
}

/**
 * Answers INVALID_ARGUMENT for a request that carried unknown fields or unsafe text (control or
 * bidi characters in names and codes, unpaired surrogates, over-long strings); nothing else runs.
 */
@Injectable()
export class RejectUnknownFields implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToRpc().getData<Record<symbol, string[] | undefined>>();
    const unknown = request?.[UNKNOWN_FIELDS];
    if (unknown?.length) {
      const violations: FieldViolation[] = unknown.map((path) => {
        const [field, number] = path.split('#');
        return {
          field: field || '(request)',
          description: `unknown field number ${number}: not part of this contract version`,
        };
      });
      throw invalidArgument(violations);
    }
    const unsafe = (request as Record<symbol, FieldViolation[] | undefined>)?.[UNSAFE_TEXT];
    if (unsafe?.length) throw invalidArgument(unsafe);
    return next.handle();
  }
}
