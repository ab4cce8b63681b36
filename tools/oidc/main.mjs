// A local OpenID Connect provider for development and the tests (docs/gateway.md, "Signing in"):
// panva's oidc-provider with the gateway's demo users, one public client for the console
// (authorization code + PKCE S256, rotating refresh tokens, RP-initiated logout) and JWT access
// tokens carrying the platform's claims for the gateway's audience. Keys, sessions and grants
// live in memory: a restart signs everyone out. Never for production.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { generateKeyPair, exportJWK } from 'jose';
import Provider, { errors } from 'oidc-provider';

if (process.env.NODE_ENV === 'production') {
  console.error('tools/oidc is a development provider and refuses NODE_ENV=production');
  process.exit(1);
}

const env = (name, fallback) => process.env[name]?.trim() || fallback;
const seconds = (name, fallback) => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const PORT = seconds('OIDC_PORT', 8180);
const HOST = env('OIDC_HOST', '127.0.0.1');
const ISSUER = env('OIDC_ISSUER', `http://127.0.0.1:${PORT}`);
const CLIENT_ID = env('OIDC_CLIENT_ID', 'mediation-console');
/** The gateway's JWT_AUDIENCE: the access tokens' "aud". */
const AUDIENCE = env('OIDC_AUDIENCE', 'mediation-console');
/** Short by default, so that refreshing and the end of a session are seen, not assumed. */
const ACCESS_TOKEN_TTL = seconds('OIDC_ACCESS_TOKEN_TTL_SECONDS', 300);
/** The longest a sign-in lasts: rotated refresh tokens keep the first one's expiry. */
const REFRESH_TOKEN_TTL = seconds('OIDC_REFRESH_TOKEN_TTL_SECONDS', 8 * 3600);
const PASSWORD = env('OIDC_DEMO_PASSWORD', 'demo');
/** Where the console may run: it is redirected to <origin>/auth/callback and back to <origin>/. */
const CONSOLE_ORIGINS = env(
  'OIDC_CONSOLE_ORIGINS',
  'http://127.0.0.1:8080,http://localhost:8080,http://127.0.0.1:5173,http://localhost:5173',
)
  .split(',')
  .map((o) => o.trim().replace(/\/$/, ''))
  .filter(Boolean);
/**
 * Resource servers (RFC 8707) and their tokens' "aud": the gateway, which the console need not
 * name, and another API, whose tokens the gateway must refuse (the tests ask for one).
 */
const RESOURCE = 'urn:mediation:gateway';
const AUDIENCES = { [RESOURCE]: AUDIENCE, 'urn:mediation:other-api': 'other-api' };

// The gateway's own demo users (its build output), so that both issuers sign the same people.
const require = createRequire(import.meta.url);
const { orgDirectory } = require('@mediation/org-directory');
const { demoUsers } = require('../../services/gateway/dist/auth/demo-users.js');
const USERS = demoUsers(orgDirectory());
const bySub = new Map(USERS.map((u) => [u.claims.sub, u]));
const byLogin = (name) => USERS.find((u) => u.id === name || u.claims.sub === name);

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = {
  ...(await exportJWK(privateKey)),
  kid: `oidc-${Date.now()}`,
  alg: 'RS256',
  use: 'sig',
};

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_name: 'Mediation console',
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: CONSOLE_ORIGINS.map((o) => `${o}/auth/callback`),
      post_logout_redirect_uris: CONSOLE_ORIGINS.map((o) => `${o}/`),
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  // Public client: PKCE always (oidc-provider only knows S256).
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name'] },
  findAccount: (_ctx, sub) => {
    const user = bySub.get(sub);
    if (!user) return undefined;
    return { accountId: sub, claims: () => ({ sub, name: user.claims.name }) };
  },
  // The platform's claims (services/gateway/src/auth/token-claims.ts) in the access token.
  extraTokenClaims: (_ctx, token) => {
    const user = token.accountId && bySub.get(token.accountId);
    if (!user) return undefined;
    // sub is the token's own.
    const { sub: _sub, ...claims } = user.claims;
    return claims;
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource },
    resourceIndicators: {
      enabled: true,
      defaultResource: (_ctx, _client, oneOf) => oneOf ?? RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (!AUDIENCES[resource]) throw new errors.InvalidTarget();
        return {
          scope: 'openid profile',
          audience: AUDIENCES[resource],
          accessTokenTTL: ACCESS_TOKEN_TTL,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  // A first-party client: no consent screen; the grant is made at sign-in.
  loadExistingGrant: async (ctx) => {
    const { session, client } = ctx.oidc;
    const id = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const found = id && (await ctx.oidc.provider.Grant.find(id));
    if (found) return found;
    const grant = new ctx.oidc.provider.Grant({
      clientId: client.clientId,
      accountId: session.accountId,
    });
    grant.addOIDCScope('openid profile offline_access');
    for (const resource of Object.keys(AUDIENCES))
      grant.addResourceScope(resource, 'openid profile');
    await grant.save();
    return grant;
  },
  // Refresh tokens for the console without asking for offline_access (and consent).
  issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: {
    AccessToken: ACCESS_TOKEN_TTL,
    AuthorizationCode: 60,
    IdToken: ACCESS_TOKEN_TTL,
    Interaction: 600,
    Grant: REFRESH_TOKEN_TTL,
    Session: REFRESH_TOKEN_TTL,
    // A rotated token keeps what was left of the first one: sign-ins end, however often refreshed.
    RefreshToken: (ctx) =>
      ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? REFRESH_TOKEN_TTL,
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  clientBasedCORS: (_ctx, origin) => CONSOLE_ORIGINS.includes(origin),
  renderError: (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page(
      'Sign-in error',
      `<p role="alert">${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`,
    );
  },
});

/** RP-initiated logout without a second question: the console's button was the question. */
function logoutSource(ctx, form) {
  ctx.body = page(
    'Signing out',
    `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
     <script>document.getElementById('op.logoutForm').insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.getElementById('op.logoutForm').submit();</script>`,
  );
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button{display:block;margin:.4rem 0;padding:.5rem 1rem;width:100%;text-align:left}label{display:block;margin:.5rem 0}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function loginPage(uid, error) {
  const buttons = USERS.map(
    (u) =>
      `<button type="submit" name="user" value="${escape(u.id)}" data-user="${escape(u.id)}">${escape(u.claims.name)} · ${escape(u.label.zh)} / ${escape(u.label.en)}</button>`,
  ).join('');
  return page(
    '调解平台登录 · Sign in (development provider)',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login"><h2>演示用户 · Demo users</h2>${buttons}</form>
<form method="post" action="/interaction/${escape(uid)}/login"><h2>用户名和密码 · Name and password</h2>
<label>用户名 · Name <input name="username" autocomplete="username" required></label>
<label>密码 · Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit" data-submit="password">登录 · Sign in</button></form>`,
  );
}

async function formBody(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(text);
}

/** The login interaction (ours); everything else is the provider's. */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(loginPage(uid));
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await formBody(req);
    const picked = form.get('user') && byLogin(form.get('user'));
    const typed = form.get('username') && byLogin(form.get('username').trim());
    const user = picked || (typed && form.get('password') === PASSWORD ? typed : undefined);
    if (!user) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(uid, '用户名或密码不正确 · Unknown user or wrong password'));
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.claims.sub } },
      {
        mergeWithLastSubmission: false,
      },
    );
  }
  res.writeHead(405).end();
}

const handle = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(req.url?.split('?')[0] ?? '');
  if (!match) return handle(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`sign-in failed: ${error.message}`);
  });
});
server.listen(PORT, HOST, () => {
  console.log(
    JSON.stringify({
      msg: 'oidc provider listening',
      issuer: ISSUER,
      clientId: CLIENT_ID,
      audience: AUDIENCE,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: REFRESH_TOKEN_TTL,
      consoleOrigins: CONSOLE_ORIGINS,
      users: USERS.map((u) => u.id),
    }),
  );
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
