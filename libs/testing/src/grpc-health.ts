import {
  credentials,
  loadPackageDefinition,
  type ChannelCredentials,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';

type Check = (
  req: { service: string },
  cb: (err: ServiceError | null, res?: { status: string }) => void,
) => void;

/**
 * Asks a server's standard grpc.health.v1 service for a service's status ("SERVING", ...).
 * `creds`: the channel's credentials (service-kit's grpcChannelCredentials for mutual TLS).
 */
export async function grpcHealthStatus(
  address: string,
  service = '',
  creds: ChannelCredentials = credentials.createInsecure(),
): Promise<string> {
  const definition = loadSync(protoPath, { keepCase: true, enums: String, defaults: true });
  const pkg = loadPackageDefinition(definition) as unknown as {
    grpc: {
      health: {
        v1: { Health: new (address: string, creds: unknown) => { check: Check; close(): void } };
      };
    };
  };
  const client = new pkg.grpc.health.v1.Health(address, creds);
  try {
    return await new Promise<string>((resolve, reject) =>
      client.check({ service }, (err, res) => (err ? reject(err) : resolve(res!.status))),
    );
  } finally {
    client.close();
  }
}

/** A TCP port that was free a moment ago, for a server under test. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
