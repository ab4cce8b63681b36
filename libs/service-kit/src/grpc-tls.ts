// Mutual TLS on every gRPC connection (docs/security.md, "Transport"): the one place that turns
// GRPC_TLS* into grpc-js credentials, for the services' servers and for every client.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { credentials, ServerCredentials, type ChannelCredentials } from '@grpc/grpc-js';
import { ConfigError, grpcTlsEnv, loadConfig, type GrpcTlsEnv } from '@mediation/config';

/** The PEM contents of GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE. */
export interface GrpcTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

const FILES = { ca: 'GRPC_TLS_CA_FILE', cert: 'GRPC_TLS_CERT_FILE', key: 'GRPC_TLS_KEY_FILE' };

/**
 * Reads the three files once, at start: undefined when GRPC_TLS is off. A file that is not set,
 * cannot be read, or does not parse is a ConfigError naming its variable (runService reports it
 * and exits 1).
 */
export function grpcTls(env: Partial<GrpcTlsEnv>): GrpcTls | undefined {
  if (!env.GRPC_TLS) return undefined;
  const problems: string[] = [];
  const read = (name: keyof typeof FILES): Buffer => {
    const variable = FILES[name] as keyof GrpcTlsEnv;
    const file = env[variable] as string | undefined;
    if (!file) problems.push(`${variable}: required with GRPC_TLS=true (not set)`);
    else
      try {
        return readFileSync(file);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        problems.push(`${variable}: cannot read "${file}" (${reason})`);
      }
    return Buffer.alloc(0);
  };
  const tls = { ca: read('ca'), cert: read('cert'), key: read('key') };
  if (problems.length) throw new ConfigError(problems);
  try {
    // Parses the PEMs and pairs key and certificate now, not at the first connection.
    createSecureContext(tls);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`${FILES.cert}, ${FILES.key}, ${FILES.ca}: not usable PEM (${reason})`]);
  }
  return tls;
}

/**
 * A service's server credentials. With TLS, `true` makes the client certificate mandatory: a
 * client without one signed by the CA fails the handshake before any call is read.
 */
export function grpcServerCredentials(tls: GrpcTls | undefined): ServerCredentials {
  return tls
    ? ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true)
    : ServerCredentials.createInsecure();
}

/**
 * A client's channel credentials: trusts only servers signed by the CA, and presents this
 * process's certificate. The server's name is checked against the target's host (the host of
 * `host:port`, `dns:///host:port`, or the first address of `ipv4:a,b`), so certificates carry
 * those names as SANs and no ssl_target_name_override is needed.
 */
export function grpcChannelCredentials(tls: GrpcTls | undefined): ChannelCredentials {
  return tls ? credentials.createSsl(tls.ca, tls.key, tls.cert) : credentials.createInsecure();
}

let processTls: { tls: GrpcTls | undefined } | undefined;

/**
 * The TLS of clients made without explicit settings (the operator's tools and the tests):
 * GRPC_TLS* of this process's environment, read once.
 */
export function processGrpcTls(): GrpcTls | undefined {
  processTls ??= { tls: grpcTls(loadConfig(grpcTlsEnv)) };
  return processTls.tls;
}
