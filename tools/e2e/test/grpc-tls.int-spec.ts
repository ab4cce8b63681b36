import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentials, Metadata, status, type ChannelCredentials } from '@grpc/grpc-js';
import { devPrincipalTokens } from '@mediation/auth';
import { GRPC_SERVICES, METADATA_KEYS, type GrpcServiceKey } from '@mediation/contracts';
import { grpcChannelCredentials, processGrpcTls } from '@mediation/service-kit';
import { BACKEND_SERVICES, Platform } from '@mediation/test-platform';
import { freePort, grpcHealthStatus } from '@mediation/testing';
import { principals, reasoningPoint } from '../src/actors';
import { walkInAtPoint } from '../src/journey';
import { rawRead } from '../src/raw-read';

// Mutual TLS (GRPC_TLS) on the real services, started as processes from their build output with
// certificates made by tools/keys/grpc-certs.js: only a client presenting a certificate signed by
// the platform's CA gets past the handshake; health stays open to probes on a plaintext port of
// its own. The test itself calls as the operator, with the operator's certificate.
const ROOT = path.resolve(__dirname, '../../..');
const dirs = {
  platform: mkdtempSync(path.join(tmpdir(), 'grpc-tls-')),
  stranger: mkdtempSync(path.join(tmpdir(), 'grpc-tls-stranger-')),
};
const makeCerts = (dir: string) =>
  execFileSync('node', [path.join(ROOT, 'tools/keys/grpc-certs.js'), dir], { stdio: 'pipe' });
const tlsEnv = (dir: string, component: string) => ({
  GRPC_TLS: 'true',
  GRPC_TLS_CA_FILE: path.join(dir, component, 'ca.crt'),
  GRPC_TLS_CERT_FILE: path.join(dir, component, 'tls.crt'),
  GRPC_TLS_KEY_FILE: path.join(dir, component, 'tls.key'),
});
const pem = (dir: string, component: string, file: string) =>
  readFileSync(path.join(dir, component, file));

const admin = principals.administrator();
let platform: Platform;
const healthPorts = {} as Record<GrpcServiceKey, number>;

beforeAll(async () => {
  makeCerts(dirs.platform);
  makeCerts(dirs.stranger);
  // This process's clients (the platform's health waits, platform.client) are the operator's.
  Object.assign(process.env, tlsEnv(dirs.platform, 'operator'));
  for (const service of BACKEND_SERVICES) healthPorts[service] = await freePort();
  platform = await Platform.start({
    name: 'mtls',
    serviceEnv: Object.fromEntries(
      BACKEND_SERVICES.map((s) => [
        s,
        { ...tlsEnv(dirs.platform, s), GRPC_HEALTH_PORT: String(healthPorts[s]) },
      ]),
    ),
    gateway: { env: tlsEnv(dirs.platform, 'gateway') },
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** An empty request to `service`'s read, signed for it, over a channel with `creds`. */
function rawCall(
  service: GrpcServiceKey,
  creds: ChannelCredentials,
  address = platform.addresses[service],
): Promise<{ code: number; details: string }> {
  const metadata = new Metadata();
  metadata.set(
    METADATA_KEYS.principalToken,
    devPrincipalTokens('operator').signer.sign(admin, service),
  );
  return rawRead(address, service, metadata, creds);
}

/** The call never reached the server's code: the connection was refused before any call. */
const NO_CONNECTION = {
  code: status.UNAVAILABLE,
  details: expect.stringMatching(/^No connection established/),
};
const platformCa = () => pem(dirs.platform, 'operator', 'ca.crt');

describe.each(BACKEND_SERVICES)('%s', (service) => {
  it('answers a client with a certificate signed by the platform CA', async () => {
    const answer = await rawCall(service, grpcChannelCredentials(processGrpcTls()));
    // Past the handshake and the principal check: the method itself answered.
    expect(answer.code).not.toBe(status.UNAVAILABLE);
    expect(answer.code).not.toBe(status.UNAUTHENTICATED);
  });

  it('refuses at the handshake a client certificate from an unknown CA', async () => {
    const stranger = credentials.createSsl(
      platformCa(),
      pem(dirs.stranger, 'operator', 'tls.key'),
      pem(dirs.stranger, 'operator', 'tls.crt'),
    );
    expect(await rawCall(service, stranger)).toMatchObject(NO_CONNECTION);
  });

  it('refuses at the handshake a TLS client without a certificate', async () => {
    expect(await rawCall(service, credentials.createSsl(platformCa()))).toMatchObject(
      NO_CONNECTION,
    );
  });

  it('refuses a plaintext client', async () => {
    expect(await rawCall(service, credentials.createInsecure())).toMatchObject(NO_CONNECTION);
  });

  it('answers health over mutual TLS, and in plaintext on its health-only port', async () => {
    const name = GRPC_SERVICES[service].fullName;
    const operator = grpcChannelCredentials(processGrpcTls());
    expect(await grpcHealthStatus(platform.addresses[service], name, operator)).toBe('SERVING');
    const healthAddress = `127.0.0.1:${healthPorts[service]}`;
    expect(await grpcHealthStatus(healthAddress, name)).toBe('SERVING');
    expect(await grpcHealthStatus(healthAddress, 'liveness')).toBe('SERVING');
    // The plaintext port serves health alone, never the service's methods.
    expect((await rawCall(service, credentials.createInsecure(), healthAddress)).code).toBe(
      status.UNIMPLEMENTED,
    );
  });
});

it('lets the typed client (createGrpcClient, GRPC_TLS from the environment) call through', async () => {
  const place = reasoningPoint(2);
  const opened = await platform.client('intake').call('openCase', walkInAtPoint(place.point.code), {
    principal: principals.volunteer(place.point.code),
  });
  expect(opened.case!.caseId).toBeTruthy();
});

it('lets the gateway reach every service over mutual TLS (its readiness and an API call)', async () => {
  const base = platform.gatewayUrl!;
  const ready = await fetch(`${base}/readyz`);
  const body = (await ready.json()) as Record<string, unknown>;
  expect(ready.status).toBe(200);
  expect(JSON.stringify(body)).not.toMatch(/UNREACHABLE/);
  const users = (await (await fetch(`${base}/api/v1/dev/users`)).json()) as {
    users: { id: string; roles: string[] }[];
  };
  const user = users.users.find((u) => u.roles.includes('ROLE_ADMIN')) ?? users.users[0]!;
  const { accessToken } = (await (
    await fetch(`${base}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.id }),
    })
  ).json()) as { accessToken: string };
  const cases = await fetch(`${base}/api/v1/cases`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(cases.status).toBe(200);
});
