// Rules of the contract that buf lint does not check, verified on the proto tree as protobufjs
// (the NestJS run-time parser) sees it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import {
  allMessageTypes,
  listProtoFiles,
  loadProtoRoot,
  SERVICE_PROTO_FILES,
} from '../test/proto-reflection';
import {
  EVENT_PROTO_FILES,
  GRPC_SERVICES,
  PROTO_PACKAGES,
  PROTO_ROOT,
  protoFilePath,
} from './proto-path';

const root = loadProtoRoot();

function services(): protobuf.Service[] {
  return Object.values(GRPC_SERVICES).map((s) => root.lookupService(s.fullName));
}

describe('proto tree', () => {
  it('PROTO_ROOT is the repository proto/ folder and every listed file exists', () => {
    expect(PROTO_ROOT).toBe(path.resolve(__dirname, '..', '..', '..', 'proto'));
    for (const file of [...SERVICE_PROTO_FILES, ...EVENT_PROTO_FILES]) {
      expect(fs.existsSync(protoFilePath(file))).toBe(true);
    }
  });

  it('PROTO_ROOT can be overridden by the environment', () => {
    const previous = process.env['PROTO_ROOT'];
    process.env['PROTO_ROOT'] = '/opt/app/proto';
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect((require('./proto-path') as typeof import('./proto-path')).PROTO_ROOT).toBe(
          '/opt/app/proto',
        );
      });
    } finally {
      if (previous === undefined) delete process.env['PROTO_ROOT'];
      else process.env['PROTO_ROOT'] = previous;
    }
  });

  it('every .proto file is reachable from the service files or the event files', () => {
    const loaded = new Set(
      root.files
        .map((f) => path.relative(PROTO_ROOT, f).split(path.sep).join('/'))
        .filter((f) => !f.startsWith('..')),
    );
    expect(listProtoFiles().sort()).toEqual(
      [...loaded].filter((f) => f.startsWith('mediation/')).sort(),
    );
  });

  it('the service contracts name real services in the listed packages', () => {
    const packages = new Set<string>(Object.values(PROTO_PACKAGES));
    for (const contract of Object.values(GRPC_SERVICES)) {
      expect(packages.has(contract.package)).toBe(true);
      expect(root.lookupService(contract.fullName).name).toBe(contract.service);
    }
  });

  it('no RPC name shadows a grpc-js Client method (clients expose RPCs in lower camel case too)', () => {
    const reserved = new Set(
      Object.getOwnPropertyNames(grpc.Client.prototype).flatMap((n) => [
        n,
        n.charAt(0).toUpperCase() + n.slice(1),
      ]),
    );
    for (const service of services()) {
      for (const method of service.methodsArray) {
        const lowerCamel = method.name.charAt(0).toLowerCase() + method.name.slice(1);
        expect({ rpc: `${service.name}.${method.name}`, clash: reserved.has(lowerCamel) }).toEqual({
          rpc: `${service.name}.${method.name}`,
          clash: false,
        });
      }
    }
  });

  it('uses no well-known type whose generated TypeScript differs from what protobufjs delivers', () => {
    // ts-proto unwraps wrappers (StringValue -> string) and maps Struct/Value/Any/FieldMask, but
    // protobufjs hands NestJS the raw messages ({ value: "x" }): the types would lie. Use proto3
    // `optional` for presence instead.
    const banned =
      /^\.google\.protobuf\.(Double|Float|Int64|UInt64|Int32|UInt32|Bool|String|Bytes)Value$|^\.google\.protobuf\.(Struct|Value|ListValue|Any|FieldMask)$/;
    const offenders: string[] = [];
    for (const type of allMessageTypes(root)) {
      for (const field of type.fieldsArray) {
        const resolved = field.resolve().resolvedType;
        if (resolved && banned.test(resolved.fullName))
          offenders.push(`${type.fullName}.${field.name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('field names survive the camel-casing of both ts-proto and protobufjs identically', () => {
    // ts-proto camel-cases "_1" to "1", protobufjs keeps "_1": avoid digits after an underscore.
    const offenders = allMessageTypes(root).flatMap((t) =>
      t.fieldsArray.filter((f) => /_[0-9]/.test(f.name)).map((f) => `${t.fullName}.${f.name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('counts: 5 services, 72 RPCs', () => {
    const counts = Object.fromEntries(services().map((s) => [s.name, s.methodsArray.length]));
    expect(counts).toEqual({
      IntakeService: 13,
      MediationService: 32,
      ReferralService: 11,
      StatisticsService: 10,
      NotificationService: 6,
    });
  });

  it('every mediation command carries mediation_id and expected_version', () => {
    const reads = new Set([
      'GetMediation',
      'ListWorkload',
      'ListBySubtree',
      'ListDeadlines',
      'GetAgreementDocument',
      'ExportCaseFile',
      'GetCommitteeRoster',
    ]);
    const roster = new Set(['SetRosterMember', 'DeactivateRosterMember']);
    const service = root.lookupService(GRPC_SERVICES.mediation.fullName);
    for (const method of service.methodsArray.filter((m) => roster.has(m.name))) {
      method.resolve();
      const request = method.resolvedRequestType!;
      expect([
        method.name,
        request.fields['committeeCode']?.type,
        request.fields['expectedVersion']?.type,
      ]).toEqual([method.name, 'string', 'int64']);
    }
    const commands = service.methodsArray.filter((m) => !reads.has(m.name) && !roster.has(m.name));
    for (const method of commands) {
      method.resolve();
      const request = method.resolvedRequestType!;
      expect([
        method.name,
        request.fields['mediationId']?.type,
        request.fields['expectedVersion']?.type,
      ]).toEqual([method.name, 'string', 'int64']);
    }
  });
});
