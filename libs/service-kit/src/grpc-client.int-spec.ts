// The typed client against real grpc-js servers built from proto/ exactly as NestJS builds them:
// the wire and the decoded shapes (int64 strings, enums, oneofs, bytes, null messages), the
// metadata, the deadline, retries only where a repeat is safe, and round robin.
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  commonV1,
  getPrincipal,
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  intakeV1,
  METADATA_KEYS,
  type GrpcServiceKey,
} from '@mediation/contracts';
import { devPrincipalTokens } from '@mediation/auth';
import { RECORDED_AT_METADATA_KEY } from './command-time';
import { createGrpcClient, type GrpcClient } from './grpc-client';
import { DEFAULT_GRPC_CLIENT_SETTINGS, type GrpcClientSettings } from './grpc-service-config';

const BIG = '9007199254740993'; // 2^53 + 1: exact only as a string
const PRINCIPAL = commonV1.Principal.fromPartial({
  subject: 'tester',
  roles: [commonV1.Role.ROLE_ADMINISTRATOR],
  orgUnitCode: '2102',
});

type Handler = (call: grpc.ServerUnaryCall<unknown, unknown>) => Promise<unknown> | unknown;

interface Received {
  server: number;
  method: string;
  request: Record<string, unknown>;
  metadata: grpc.Metadata;
}

function serviceDefinition(key: GrpcServiceKey): grpc.ServiceDefinition {
  const definition = loadSync([...GRPC_SERVICES[key].protoFiles], { ...GRPC_LOADER_OPTIONS });
  return definition[GRPC_SERVICES[key].fullName] as grpc.ServiceDefinition;
}

/** A grpc-js server for intake, mediation and statistics whose answers the test sets. */
class TestServer {
  readonly received: Received[] = [];
  readonly handlers = new Map<string, Handler>();
  private readonly server = new grpc.Server();
  port = 0;

  constructor(readonly id: number) {
    for (const key of ['intake', 'mediation', 'statistics'] as const) {
      const service = serviceDefinition(key);
      const impl: grpc.UntypedServiceImplementation = {};
      for (const [name, method] of Object.entries(service)) {
        impl[name] = method.responseStream
          ? (call: grpc.ServerWritableStream<unknown, unknown>) => {
              this.record(name, call);
              for (const message of this.handlers.get(name)?.(call as never) as unknown[])
                call.write(message);
              call.end();
            }
          : (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => {
              this.record(name, call);
              const handler = this.handlers.get(name) ?? (() => ({}));
              Promise.resolve(handler(call)).then(
                (res) => cb(null, res),
                (err: Partial<grpc.StatusObject>) => cb(err),
              );
            };
      }
      this.server.addService(service, impl);
    }
  }

  private record(method: string, call: { request: unknown; metadata: grpc.Metadata }) {
    this.received.push({
      server: this.id,
      method,
      request: call.request as Record<string, unknown>,
      metadata: call.metadata,
    });
  }

  async start(): Promise<this> {
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, port) =>
        e ? reject(e) : resolve(port),
      ),
    );
    return this;
  }

  stop(): void {
    this.server.forceShutdown();
  }
}

const settings = (over: Partial<GrpcClientSettings> = {}): GrpcClientSettings => ({
  ...DEFAULT_GRPC_CLIENT_SETTINGS,
  retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 50 },
  ...over,
});

let a: TestServer;
let b: TestServer;
const clients: { close(): void }[] = [];
function client<S extends GrpcServiceKey>(key: S, s = settings()): GrpcClient<S> {
  const c = createGrpcClient(key, `127.0.0.1:${a.port}`, { settings: s });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  a = await new TestServer(1).start();
  b = await new TestServer(2).start();
});
afterAll(() => {
  for (const c of clients) c.close();
  a.stop();
  b.stop();
});
beforeEach(() => {
  for (const s of [a, b]) {
    s.received.length = 0;
    s.handlers.clear();
  }
});

const unavailable = { code: grpc.status.UNAVAILABLE, details: 'not now' };

describe('the wire and the shapes', () => {
  test('int64 as strings and numeric enums both ways, null for unset messages', async () => {
    a.handlers.set('AmendCase', (call) => ({
      case: {
        caseId: 'c-1',
        version: (call.request as { expectedVersion: string }).expectedVersion,
        status: intakeV1.CaseStatus.CASE_STATUS_REGISTERED,
        category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      },
    }));
    const res = await client('intake').call('amendCase', {
      caseId: 'c-1',
      expectedVersion: BIG,
      reason: 'typo',
    });
    expect(a.received[0].request).toMatchObject({ expectedVersion: BIG, changes: null });
    const kase = res.case!;
    expect(kase.version).toBe(BIG);
    expect(kase.status).toBe(intakeV1.CaseStatus.CASE_STATUS_REGISTERED);
    expect(kase.category).toBe(commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR);
    expect(kase.amountInvolved).toBeNull();
    expect(kase.parties).toEqual([]);
  });

  test('enums as names for the gateway, in and out', async () => {
    a.handlers.set('GetCase', () => ({
      case: {
        caseId: 'c-2',
        version: '7',
        status: intakeV1.CaseStatus.CASE_STATUS_REGISTERED,
        category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      },
    }));
    const gateway = createGrpcClient('intake', `127.0.0.1:${a.port}`, {
      settings: settings(),
      enums: 'name',
    });
    clients.push(gateway);
    const res = await gateway.call('getCase', { caseId: 'c-2' });
    expect(res.case).toMatchObject({
      version: '7',
      status: 'CASE_STATUS_REGISTERED',
      category: 'DISPUTE_CATEGORY_NEIGHBOUR',
    });
    a.handlers.set('ListCases', () => ({ cases: [] }));
    await gateway.call('listCases', {
      statuses: ['CASE_STATUS_REGISTERED'],
      page: { pageSize: 5 },
    });
    expect(a.received[1].request).toMatchObject({
      statuses: [intakeV1.CaseStatus.CASE_STATUS_REGISTERED],
      page: { pageSize: 5, pageToken: '' },
    });
  });

  test('oneof: exactly the member that was set arrives', async () => {
    a.handlers.set('GetMediation', () => ({ mediation: null }));
    const mediation = client('mediation');
    const byCase = await mediation.call('getMediation', { caseId: 'case-9' });
    await mediation.call('getMediation', { mediationId: 'med-9' });
    expect(byCase.mediation).toBeNull();
    expect(a.received.map((r) => r.request)).toEqual([
      { caseId: 'case-9' },
      { mediationId: 'med-9' },
    ]);
  });

  test('bytes arrive as Buffers both ways', async () => {
    const content = Buffer.from([0, 1, 2, 250, 255, 0x89, 0x50, 0x4e, 0x47]);
    a.handlers.set('AttachDocument', () => ({ document: { documentId: 'd-1', sizeBytes: '9' } }));
    a.handlers.set('GetDocument', () => ({ document: null, content }));
    const intake = client('intake');
    const attached = await intake.call('attachDocument', { caseId: 'c-3', content });
    expect(attached.document?.sizeBytes).toBe('9');
    const got = await intake.call('getDocument', { caseId: 'c-3', documentId: 'd-1' });
    expect(Buffer.isBuffer(a.received[0].request.content)).toBe(true);
    expect(a.received[0].request.content).toEqual(content);
    expect(Buffer.isBuffer(got.content)).toBe(true);
    expect(got.content).toEqual(content);
  });

  test('server streaming delivers every message', async () => {
    a.handlers.set('WatchSummary', () => [
      { summary: null, triggerEventType: '' },
      { summary: null, triggerEventType: 'mediation.intake.v1.CaseOpened' },
    ]);
    const call = client('statistics').stream('watchSummary', { orgUnitCode: '2102' });
    const got: string[] = [];
    for await (const message of call) got.push(message.triggerEventType);
    expect(got).toEqual(['', 'mediation.intake.v1.CaseOpened']);
  });

  test('principal, correlation id, backfill time and bearer travel as metadata', async () => {
    const recordedAt = new Date('2024-03-05T01:30:00.000Z');
    await client('intake').call(
      'getCase',
      { caseId: 'c-4' },
      { principal: PRINCIPAL, correlationId: 'req-1', recordedAt, bearer: 'tok' },
    );
    const md = a.received[0].metadata;
    // Signed by this process (the operator's development key) for intake alone.
    const [token] = md.get(METADATA_KEYS.principalToken) as string[];
    expect(devPrincipalTokens('intake').verifier.verify(token!)).toEqual(PRINCIPAL);
    expect(() => devPrincipalTokens('mediation').verifier.verify(token!)).toThrow(
      'the principal token is for "intake"',
    );
    expect(getPrincipal(md)).toBeUndefined();
    expect(md.get(METADATA_KEYS.correlationId)).toEqual(['req-1']);
    expect(md.get(RECORDED_AT_METADATA_KEY)).toEqual([recordedAt.toISOString()]);
    expect(md.get(METADATA_KEYS.authorization)).toEqual(['Bearer tok']);
  });
});

describe('deadline', () => {
  test('a server that does not answer in time fails the call with DEADLINE_EXCEEDED', async () => {
    let release = () => {};
    let deadlineLeft = Infinity;
    a.handlers.set('OpenCase', (call: grpc.ServerUnaryCall<unknown, unknown>) => {
      deadlineLeft = +call.getDeadline() - Date.now();
      return new Promise<unknown>((resolve) => (release = () => resolve({})));
    });
    const began = Date.now();
    const error = await client('intake', settings({ timeoutMs: 400 }))
      .call('openCase', { idempotencyKey: 'k-1' })
      .catch((e: grpc.ServiceError) => e);
    const took = Date.now() - began;
    release();
    expect((error as grpc.ServiceError).code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(a.received).toHaveLength(1);
    expect(took).toBeGreaterThanOrEqual(390);
    // The server saw the deadline (a wall-clock upper bound would measure the machine's load).
    expect(deadlineLeft).toBeGreaterThan(0);
    expect(deadlineLeft).toBeLessThanOrEqual(400);
  });

  test('a call may shorten its own deadline', async () => {
    a.handlers.set('GetCase', () => new Promise(() => undefined));
    const error = await client('intake')
      .call('getCase', { caseId: 'c-5' }, { timeoutMs: 200 })
      .catch((e: grpc.ServiceError) => e);
    expect((error as grpc.ServiceError).code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });
});

describe('retries after UNAVAILABLE', () => {
  function failing(times: number, answer: unknown): Handler {
    let left = times;
    return () => (left-- > 0 ? Promise.reject(unavailable) : answer);
  }

  test('a read is retried and succeeds', async () => {
    a.handlers.set('GetCase', failing(2, { case: { caseId: 'c-6' } }));
    const res = await client('intake').call('getCase', { caseId: 'c-6' });
    expect(res.case?.caseId).toBe('c-6');
    expect(a.received).toHaveLength(3);
  });

  test('a command with an idempotency key or an expected version is retried', async () => {
    a.handlers.set('OpenCase', failing(1, { replayed: false }));
    a.handlers.set('AmendCase', failing(1, { case: null }));
    const intake = client('intake');
    await intake.call('openCase', { idempotencyKey: 'k-2' });
    await intake.call('amendCase', { caseId: 'c-7', expectedVersion: '3' });
    expect(a.received.map((r) => r.method)).toEqual([
      'OpenCase',
      'OpenCase',
      'AmendCase',
      'AmendCase',
    ]);
  });

  test('a command that a repeat could double is tried once', async () => {
    a.handlers.set('AttachDocument', failing(1, {}));
    const error = await client('intake')
      .call('attachDocument', { caseId: 'c-8', content: Buffer.from('x') })
      .catch((e: grpc.ServiceError) => e);
    expect((error as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);
    expect(a.received).toHaveLength(1);
  });

  test('GRPC_RETRY_MAX_ATTEMPTS=1 turns retries off', async () => {
    a.handlers.set('GetCase', failing(1, {}));
    const noRetry = settings({ retry: { maxAttempts: 1, initialBackoffMs: 20, maxBackoffMs: 50 } });
    const error = await client('intake', noRetry)
      .call('getCase', { caseId: 'c-9' })
      .catch((e: grpc.ServiceError) => e);
    expect((error as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);
    expect(a.received).toHaveLength(1);
  });

  test('other failures are not retried', async () => {
    a.handlers.set('GetCase', () => Promise.reject({ code: grpc.status.INTERNAL, details: 'x' }));
    await expect(client('intake').call('getCase', { caseId: 'c-10' })).rejects.toMatchObject({
      code: grpc.status.INTERNAL,
    });
    expect(a.received).toHaveLength(1);
  });
});

test('round robin over every resolved address', async () => {
  const both = createGrpcClient('intake', `ipv4:127.0.0.1:${a.port},127.0.0.1:${b.port}`, {
    settings: settings(),
  });
  clients.push(both);
  // Until both connections are up, round robin uses the one that is; then it alternates.
  for (let i = 0; i < 50 && (a.received.length === 0 || b.received.length === 0); i++)
    await both.call('getCase', { caseId: `warm-${i}` });
  a.received.length = 0;
  b.received.length = 0;
  for (let i = 0; i < 6; i++) await both.call('getCase', { caseId: `c-${i}` });
  const servers = [...a.received, ...b.received].map((r) => r.server);
  expect(servers.filter((s) => s === 1)).toHaveLength(3);
  expect(servers.filter((s) => s === 2)).toHaveLength(3);
});
