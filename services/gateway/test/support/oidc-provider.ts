import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort } from '@mediation/testing';

const ROOT = path.resolve(__dirname, '../../../..');

/** The local OIDC provider (tools/oidc/main.mjs) as a child process on a free port. */
export class OidcProvider {
  private output = '';

  private constructor(
    readonly issuer: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-5_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(env: Record<string, string> = {}): Promise<OidcProvider> {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'tools/oidc/main.mjs')], {
      cwd: ROOT,
      env: { ...process.env, OIDC_PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const provider = new OidcProvider(`http://127.0.0.1:${port}`, child);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ok = await fetch(`${provider.issuer}/.well-known/openid-configuration`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return provider;
      if (child.exitCode !== null || Date.now() > deadline) {
        await provider.stop();
        throw new Error(
          `the OIDC provider did not start (is the gateway built?):\n${provider.output}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }

  /**
   * Signs a demo user in as the console does, without a browser: authorization code with PKCE
   * (S256), the provider's login form, then the code for tokens. `resource` asks for a token for
   * another API than the gateway.
   */
  async signIn(
    userId: string,
    options: { redirectUri: string; resource?: string },
  ): Promise<{ access_token: string; refresh_token?: string; id_token?: string }> {
    const cookies = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(new URL(url, this.issuer), {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return res;
    };
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL('/auth', this.issuer);
    authorize.search = new URLSearchParams({
      client_id: 'mediation-console',
      response_type: 'code',
      redirect_uri: options.redirectUri,
      scope: 'openid profile',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...(options.resource ? { resource: options.resource } : {}),
    }).toString();
    let res = await go(authorize.href);
    const login = res.headers.get('location');
    if (!login) throw new Error(`authorize: HTTP ${res.status} ${await res.text()}`);
    res = await go(`${login}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: userId }).toString(),
    });
    // Back to the authorization endpoint, which now redirects to the console with the code.
    let location = res.headers.get('location');
    while (location && !location.startsWith(options.redirectUri)) {
      res = await go(location);
      location = res.headers.get('location');
    }
    const callback = new URL(location ?? '', options.redirectUri);
    const code = callback.searchParams.get('code');
    if (!code || callback.searchParams.get('state') !== 'state-1')
      throw new Error(`no code in the redirect: ${location} (HTTP ${res.status})`);
    return this.token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri,
      code_verifier: verifier,
      ...(options.resource ? { resource: options.resource } : {}),
    });
  }

  /** The token endpoint, as the console's public client. */
  async token(params: Record<string, string>) {
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'mediation-console', ...params }).toString(),
    });
    const body = (await res.json()) as {
      access_token: string;
      refresh_token?: string;
      id_token?: string;
      error?: string;
    };
    if (!res.ok) throw new Error(`token: HTTP ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
}
