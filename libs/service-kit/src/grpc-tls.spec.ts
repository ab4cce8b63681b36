import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { baseEnv, ConfigError, loadConfig } from '@mediation/config';
import { grpcChannelCredentials, grpcServerCredentials, grpcTls } from './grpc-tls';

const base = { SERVICE_NAME: 'intake', GRPC_PORT: '7051' };

/** The problems of a ConfigError thrown by `run`. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('GRPC_TLS configuration', () => {
  it('is off by default: plaintext, and no health-only port', () => {
    const config = loadConfig(baseEnv, base);
    expect(config).toMatchObject({ GRPC_TLS: false, GRPC_HEALTH_PORT: 0 });
    expect(grpcTls(config)).toBeUndefined();
    expect(grpcServerCredentials(undefined)._isSecure()).toBe(false);
    expect(grpcChannelCredentials(undefined)._isSecure()).toBe(false);
  });

  it('accepts only a yes or no, and a port for GRPC_HEALTH_PORT', () => {
    expect(() => loadConfig(baseEnv, { ...base, GRPC_TLS: 'yes' })).toThrow(/GRPC_TLS: /);
    expect(() => loadConfig(baseEnv, { ...base, GRPC_HEALTH_PORT: '70000' })).toThrow(
      /GRPC_HEALTH_PORT: /,
    );
    expect(loadConfig(baseEnv, { ...base, GRPC_TLS: '1', GRPC_HEALTH_PORT: '7060' })).toMatchObject(
      { GRPC_TLS: true, GRPC_HEALTH_PORT: 7060 },
    );
  });

  it('requires the three files together when on, naming each one missing', () => {
    const config = loadConfig(baseEnv, { ...base, GRPC_TLS: 'true', GRPC_TLS_CA_FILE: '/x' });
    const problems = problemsOf(() => grpcTls(config));
    expect(problems).toEqual(
      expect.arrayContaining([
        'GRPC_TLS_CERT_FILE: required with GRPC_TLS=true (not set)',
        'GRPC_TLS_KEY_FILE: required with GRPC_TLS=true (not set)',
      ]),
    );
    expect(problems.join('\n')).toMatch(/GRPC_TLS_CA_FILE: cannot read "\/x" \(ENOENT\)/);
  });

  it('refuses files that are not PEM certificates and keys', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grpc-tls-spec-'));
    try {
      const file = (name: string) => {
        writeFileSync(path.join(dir, name), 'not a pem');
        return path.join(dir, name);
      };
      const env = {
        GRPC_TLS: true,
        GRPC_TLS_CA_FILE: file('ca.crt'),
        GRPC_TLS_CERT_FILE: file('tls.crt'),
        GRPC_TLS_KEY_FILE: file('tls.key'),
      };
      expect(problemsOf(() => grpcTls(env)).join('\n')).toMatch(/not usable PEM/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
