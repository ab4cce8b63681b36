import { createHash } from 'node:crypto';
import {
  authorizationRequest,
  base64url,
  codeChallenge,
  codeFromCallback,
  jwtClaims,
  randomToken,
  type PendingSignIn,
} from './pkce';

describe('PKCE helpers', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('agrees with Node’s SHA-256 for random verifiers', async () => {
    for (let i = 0; i < 20; i++) {
      const verifier = randomToken();
      expect(await codeChallenge(verifier)).toBe(
        createHash('sha256').update(verifier).digest('base64url'),
      );
    }
  });

  it('refuses verifiers PKCE does not allow', async () => {
    await expect(codeChallenge('short')).rejects.toThrow(/43 to 128/);
    await expect(codeChallenge('x'.repeat(129))).rejects.toThrow(/43 to 128/);
    await expect(codeChallenge(`${'x'.repeat(42)}+`)).rejects.toThrow(/43 to 128/);
  });

  it('makes random values of 43 base64url characters, never the same twice', () => {
    const values = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(values.size).toBe(100);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('writes base64url without padding', () => {
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64url(new Uint8Array([1]))).toBe('AQ');
  });

  it('builds the authorization request with S256, state and nonce', async () => {
    const { url, pending } = await authorizationRequest('https://idp.example/auth?x=1', {
      clientId: 'mediation-console',
      redirectUri: 'https://console.example/auth/callback',
      scope: 'openid profile',
      returnTo: '/cases',
    });
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://idp.example/auth');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'mediation-console',
      redirect_uri: 'https://console.example/auth/callback',
      scope: 'openid profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    expect(new Set([pending.state, pending.nonce, pending.verifier]).size).toBe(3);
    expect(pending.returnTo).toBe('/cases');
  });

  describe('the callback', () => {
    const pending: PendingSignIn = {
      state: 's1',
      nonce: 'n1',
      verifier: 'v'.repeat(43),
      redirectUri: 'https://console.example/auth/callback',
      returnTo: '/',
    };
    const issuer = 'https://idp.example';

    it('gives the code of our own request', () => {
      expect(codeFromCallback(`?code=c1&state=s1&iss=${issuer}`, pending, issuer)).toBe('c1');
      expect(codeFromCallback('?code=c1&state=s1', pending, issuer)).toBe('c1');
    });

    it('refuses another state, another issuer, an error and a missing code', () => {
      expect(() => codeFromCallback('?code=c1&state=s2', pending, issuer)).toThrow(/not ours/);
      expect(() => codeFromCallback('?code=c1', pending, issuer)).toThrow(/not ours/);
      expect(() =>
        codeFromCallback('?code=c1&state=s1&iss=https://evil.example', pending, issuer),
      ).toThrow(/another issuer/);
      expect(() =>
        codeFromCallback('?error=access_denied&error_description=no&state=s1', pending, issuer),
      ).toThrow('access_denied: no');
      expect(() => codeFromCallback('?state=s1', pending, issuer)).toThrow(/no code/);
    });
  });

  it('reads a JWT’s claims, UTF-8 included', () => {
    const payload = Buffer.from(JSON.stringify({ name: '李调解', nonce: 'n1' })).toString(
      'base64url',
    );
    expect(jwtClaims(`e30.${payload}.sig`)).toEqual({ name: '李调解', nonce: 'n1' });
  });
});
