// The typed method names against proto/ as protobufjs sees it, and the retry table against the
// request messages: a method is called safe to repeat only for a reason its request shows.
import type * as protobuf from 'protobufjs';
import { loadProtoRoot } from '../test/proto-reflection';
import {
  GRPC_RETRY_SAFETY,
  type GrpcInput,
  type GrpcMethodName,
  type GrpcRequestOf,
  type GrpcResponseOf,
  type StreamingMethodName,
  type UnaryMethodName,
  type WithEnumNames,
} from './grpc-methods';
import * as intakeV1 from './gen/index.mediation.intake.v1';
import { GRPC_SERVICES, type GrpcServiceKey } from './proto-path';

const root = loadProtoRoot();
const lowerCamel = (name: string) => name[0].toLowerCase() + name.slice(1);
const keys = Object.keys(GRPC_SERVICES) as GrpcServiceKey[];

function methods(key: GrpcServiceKey): protobuf.Method[] {
  const service = root.lookupService(GRPC_SERVICES[key].fullName);
  service.resolveAll();
  return service.methodsArray;
}

describe.each(keys)('%s', (key) => {
  it('the retry table names exactly the unary RPCs of proto/', () => {
    const unary = methods(key)
      .filter((m) => !m.responseStream && !m.requestStream)
      .map((m) => lowerCamel(m.name))
      .sort();
    expect(Object.keys(GRPC_RETRY_SAFETY[key]).sort()).toEqual(unary);
  });

  it('each retried command carries what makes a repeat harmless', () => {
    const wrong: string[] = [];
    for (const method of methods(key)) {
      const safety = (GRPC_RETRY_SAFETY[key] as Record<string, string>)[lowerCamel(method.name)];
      const fields = Object.keys(method.resolvedRequestType!.fields);
      const has = (field: string) => fields.includes(field);
      if (safety === 'idempotency-key' && !has('idempotencyKey')) wrong.push(method.name);
      if (safety === 'expected-version' && !has('expectedVersion')) wrong.push(method.name);
      if (safety === 'read' && (has('idempotencyKey') || has('expectedVersion')))
        wrong.push(method.name);
    }
    expect(wrong).toEqual([]);
  });
});

it('server-streaming RPCs are the ones the types call streaming', () => {
  const streaming = keys.flatMap((key) =>
    methods(key)
      .filter((m) => m.responseStream)
      .map((m) => `${key}.${lowerCamel(m.name)}`),
  );
  const typed: `statistics.${StreamingMethodName<'statistics'>}`[] = ['statistics.watchSummary'];
  expect(streaming).toEqual(typed);
});

// Compile-time checks (the contracts typecheck runs over specs): names, requests and responses.
export const typeChecks = {
  name: 'openCase' satisfies UnaryMethodName<'intake'>,
  // @ts-expect-error not an RPC of IntakeService
  wrongName: 'openCases' satisfies GrpcMethodName<'intake'>,
  // @ts-expect-error a streaming RPC is not unary
  notUnary: 'watchSummary' satisfies UnaryMethodName<'statistics'>,
  request: { caseId: 'c', expectedVersion: '1' } satisfies GrpcInput<
    GrpcRequestOf<'intake', 'amendCase'>
  >,
  // @ts-expect-error int64 is a string
  wrongField: { caseId: 'c', expectedVersion: 1 } satisfies GrpcInput<
    GrpcRequestOf<'intake', 'amendCase'>
  >,
  response: { replayed: true, case: null } satisfies GrpcResponseOf<'intake', 'openCase'>,
  enumName: 'CASE_STATUS_REGISTERED' satisfies WithEnumNames<intakeV1.Case>['status'],
  enumNumber: intakeV1.CaseStatus.CASE_STATUS_REGISTERED satisfies intakeV1.Case['status'],
};
