import { loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, type GrpcServiceKey } from '@mediation/contracts';
import { grpcChannelCredentials, type GrpcTls } from '@mediation/service-kit';
import { protoPath } from 'grpc-health-check';

type HealthClient = {
  check(
    req: { service: string },
    opts: { deadline: number },
    cb: (err: ServiceError | null, res?: { status: string }) => void,
  ): void;
  close(): void;
};

/** Asks each backend's grpc.health.v1 for its own service: what /readyz reports. */
export class HealthProbe {
  private readonly clients = new Map<GrpcServiceKey, HealthClient>();

  constructor(
    addresses: Partial<Record<GrpcServiceKey, string>>,
    /** The gateway's mutual TLS (GRPC_TLS*): the services' ports admit no one else. */
    tls?: GrpcTls,
    private readonly timeoutMs = 2_000,
  ) {
    const definition = loadSync(protoPath, { keepCase: true, enums: String, defaults: true });
    const pkg = loadPackageDefinition(definition) as unknown as {
      grpc: { health: { v1: { Health: new (a: string, c: unknown) => HealthClient } } };
    };
    for (const [key, address] of Object.entries(addresses) as [GrpcServiceKey, string][])
      this.clients.set(key, new pkg.grpc.health.v1.Health(address, grpcChannelCredentials(tls)));
  }

  async check(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      [...this.clients].map(
        async ([key, client]) =>
          [
            key,
            await new Promise<string>((resolve) =>
              client.check(
                { service: GRPC_SERVICES[key].fullName },
                { deadline: Date.now() + this.timeoutMs },
                (err, res) => resolve(err ? 'UNREACHABLE' : (res?.status ?? 'UNKNOWN')),
              ),
            ),
          ] as const,
      ),
    );
    return Object.fromEntries(entries);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
  }
}
