import {
  loadPackageDefinition,
  Metadata,
  Server,
  ServerCredentials,
  status,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { HealthImplementation } from 'grpc-health-check';
import {
  getPrincipal,
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  type commonV1,
  type GrpcServiceKey,
} from '@mediation/contracts';
import { devPrincipalTokens } from '@mediation/auth';
import { FIELD_VIOLATIONS_KEY, principalAuthInterceptor } from '@mediation/service-kit';

/** One call that reached a fake backend: what the gateway forwarded. */
export interface ForwardedCall {
  service: GrpcServiceKey;
  method: string;
  request: Record<string, unknown>;
  principal?: commonV1.Principal;
  metadata: Metadata;
}

export type Reply =
  | { ok: unknown }
  /** Never answers (the gateway's deadline ends the call). */
  | { stall: true }
  | { code: status; details?: string; violations?: { field: string; description: string }[] };
type Failure = Extract<Reply, { code: status }>;
type Responder = (call: ForwardedCall) => Reply;
type Streamer = (
  call: ForwardedCall,
  write: (m: unknown) => void,
  onCancel: (f: () => void) => void,
) => void;

const lowerCamel = (s: string) => s[0].toLowerCase() + s.slice(1);

/**
 * Stand-ins for the four gRPC services, loaded from proto/ like the real ones: every call is
 * recorded (so tests can prove what was, or was not, forwarded) and answered by a responder the
 * test sets; by default UNIMPLEMENTED, like today's skeletons.
 */
export class FakeBackends {
  readonly calls: ForwardedCall[] = [];
  readonly addresses = {} as Record<GrpcServiceKey, string>;
  private readonly servers: Server[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly streamers = new Map<string, Streamer>();
  readonly health = new Map<GrpcServiceKey, HealthImplementation>();

  static async start(): Promise<FakeBackends> {
    const fake = new FakeBackends();
    for (const key of Object.keys(GRPC_SERVICES) as GrpcServiceKey[]) await fake.startOne(key);
    return fake;
  }

  reply(method: string, responder: Responder | Reply): void {
    this.responders.set(method, typeof responder === 'function' ? responder : () => responder);
  }

  streamWith(method: string, streamer: Streamer): void {
    this.streamers.set(method, streamer);
  }

  reset(): void {
    this.calls.length = 0;
    this.responders.clear();
    this.streamers.clear();
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.tryShutdown(() => r()))));
  }

  private async startOne(key: GrpcServiceKey): Promise<void> {
    const contract = GRPC_SERVICES[key];
    const definition = loadSync([...contract.protoFiles], { ...GRPC_LOADER_OPTIONS });
    let node: unknown = loadPackageDefinition(definition);
    for (const part of contract.fullName.split('.')) node = (node as Record<string, unknown>)[part];
    const service = (node as { service: ServiceDefinition }).service;
    const handlers: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(service)) {
      const method = lowerCamel(name);
      const record = (request: unknown, metadata: Metadata): ForwardedCall => {
        let principal: commonV1.Principal | undefined;
        try {
          principal = getPrincipal(metadata);
        } catch {
          principal = undefined;
        }
        const call: ForwardedCall = {
          service: key,
          method,
          request: request as Record<string, unknown>,
          principal,
          metadata,
        };
        this.calls.push(call);
        return call;
      };
      if (def.responseStream) {
        handlers[name] = (stream: {
          request: unknown;
          metadata: Metadata;
          write(m: unknown): void;
          end(): void;
          on(e: string, f: () => void): void;
          destroy(e: unknown): void;
        }) => {
          const call = record(stream.request, stream.metadata);
          const streamer = this.streamers.get(method);
          if (!streamer) {
            (stream as unknown as { emit(e: string, x: unknown): void }).emit('error', {
              code: status.UNIMPLEMENTED,
              details: 'not yet',
            });
            return;
          }
          streamer(
            call,
            (m) => stream.write(m),
            (f) => stream.on('cancelled', f),
          );
        };
      } else {
        handlers[name] = (
          call: { request: unknown; metadata: Metadata },
          cb: (err: unknown, res?: unknown) => void,
        ) => {
          const recorded = record(call.request, call.metadata);
          const fallback = (): Failure => ({
            code: status.UNIMPLEMENTED,
            details: `${name} is not implemented yet`,
          });
          const reply = (this.responders.get(method) ?? fallback)(recorded);
          if ('ok' in reply) return cb(null, reply.ok);
          if ('stall' in reply) return;
          const metadata = new Metadata();
          if (reply.violations)
            metadata.set(FIELD_VIOLATIONS_KEY, JSON.stringify(reply.violations));
          cb({ code: reply.code, details: reply.details ?? '', metadata });
        };
      }
    }
    // Authenticates like the real service: the gateway's signed principal, for this service.
    const server = new Server({
      interceptors: [principalAuthInterceptor(devPrincipalTokens(key).verifier)],
    });
    server.addService(service, handlers as never);
    const health = new HealthImplementation({ '': 'SERVING', [contract.fullName]: 'SERVING' });
    health.addToServer(server as never);
    this.health.set(key, health);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    this.servers.push(server);
    this.addresses[key] = `127.0.0.1:${port}`;
  }
}
