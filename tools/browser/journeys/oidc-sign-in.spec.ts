import type { Browser, Page } from '@playwright/test';
import { expect, expectLive, expectNoProblem, test } from '../support/console.fixture';
import {
  OIDC_ACCESS_TOKEN_TTL_SECONDS,
  OIDC_GATEWAY_URL_ENV,
  OIDC_ISSUER_ENV,
  OIDC_REFRESH_TOKEN_TTL_SECONDS,
} from '../support/run-paths';

/**
 * Signing in through OpenID Connect: the second gateway of the run names the local provider
 * (tools/oidc), whose access tokens last OIDC_ACCESS_TOKEN_TTL_SECONDS and whose sign-ins end
 * after OIDC_REFRESH_TOKEN_TTL_SECONDS however often they are refreshed.
 */
function oidcUrls(): { gateway: string; issuer: string } {
  const gateway = process.env[OIDC_GATEWAY_URL_ENV];
  const issuer = process.env[OIDC_ISSUER_ENV];
  if (!gateway || !issuer) throw new Error('the global setup did not start the OIDC provider');
  return { gateway, issuer };
}

const accessToken = (page: Page) =>
  page.evaluate(() => sessionStorage.getItem('mediation.token') ?? '');

/**
 * A new tab at the OIDC gateway: the console's sign-in button, the provider's login page, a demo
 * user, and back. Returns the tab and the authorization requests the console made, and records
 * each live stream's opening (its bearer and status) as it happens.
 */
async function signIn(browser: Browser, userId: string) {
  const { gateway, issuer } = oidcUrls();
  const context = await browser.newContext({ baseURL: gateway });
  const authorize: URL[] = [];
  const streams: { path: string; token: string; status: number }[] = [];
  context.on('request', (r) => {
    if (r.url().startsWith(`${issuer}/auth?`)) authorize.push(new URL(r.url()));
  });
  context.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/v1/stream/'))
      streams.push({
        path: url.pathname,
        token: r.request().headers().authorization ?? '',
        status: r.status(),
      });
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('.user-card'), 'the dev issuer’s users are offered').toHaveCount(0);
  await page.locator('button[data-sign-in="oidc"]').click();
  await expect(page, 'the console did not send us to the provider').toHaveURL(
    new RegExp(`^${issuer}/interaction/`),
  );
  await page.locator(`button[data-user="${userId}"]`).click();
  await expect(page.locator('header.top .who')).toBeVisible();
  await expect(page).not.toHaveURL(/\/auth\/callback/);
  /** How many different tokens opened a stream successfully. */
  const streamTokens = (path: string) =>
    new Set(streams.filter((s) => s.path === path && s.status === 200).map((s) => s.token)).size;
  return { page, authorize, streamTokens };
}

test('OIDC: sign in at the provider, use the API, stay signed in by refreshing, signed out at the end', async ({
  browser,
  shot,
}) => {
  const started = Date.now();
  const { page, authorize, streamTokens } = await signIn(browser, 'mediator');
  await expect(page.locator('header.top .who')).toContainText('李调解');
  await shot(page, '94-oidc-signed-in');
  // What the console asked the provider for: code flow, PKCE S256, state and nonce.
  expect(authorize).toHaveLength(1);
  expect(Object.fromEntries(authorize[0].searchParams)).toMatchObject({
    response_type: 'code',
    client_id: 'mediation-console',
    code_challenge_method: 'S256',
    redirect_uri: `${oidcUrls().gateway}/auth/callback`,
  });
  for (const p of ['code_challenge', 'state', 'nonce'])
    expect(authorize[0].searchParams.get(p), p).toMatch(/^[\w-]{43}$/);

  // A page that reads the API and follows the live stream, with the provider's token.
  await page.locator('header.top nav a[href="/cases"]').click();
  await expectLive(page);
  await expectNoProblem(page, 'the case list, signed in through OIDC');
  const first = await accessToken(page);

  // Refreshed before it ends: a new access token, and the stream reopened with it after the
  // gateway ended the first one (event: expired) at the first token's end.
  await expect
    .poll(() => accessToken(page), { timeout: OIDC_ACCESS_TOKEN_TTL_SECONDS * 1000 })
    .not.toBe(first);
  await expect
    .poll(() => streamTokens('/api/v1/stream/cases'), {
      message: 'the live stream was not reopened with the refreshed token',
      timeout: OIDC_ACCESS_TOKEN_TTL_SECONDS * 2000,
    })
    .toBeGreaterThan(1);
  await expectLive(page);
  await page.locator('header.top nav a[href="/cases/new"]').click();
  await page.locator('header.top nav a[href="/cases"]').click();
  await expectLive(page);
  await expectNoProblem(page, 'the case list with the refreshed token');

  // The sign-in ends: no refresh is granted after OIDC_REFRESH_TOKEN_TTL_SECONDS, and when the
  // last access token ends the console shows that the user is signed out.
  const ends = started + (OIDC_REFRESH_TOKEN_TTL_SECONDS + OIDC_ACCESS_TOKEN_TTL_SECONDS) * 1000;
  await expect(page.locator('[data-signed-out="expired"]')).toBeVisible({
    timeout: Math.max(10_000, ends - Date.now() + 15_000),
  });
  await expect(page.locator('header.top')).toHaveCount(0);
  expect(await accessToken(page)).toBe('');
  await expect(page.locator('button[data-sign-in="oidc"]')).toBeVisible();
  await shot(page, '95-oidc-signed-out');
  await page.context().close();
});

test('OIDC: the dashboard’s live figures follow the refreshed token; logout ends the provider’s session', async ({
  browser,
}) => {
  const { issuer } = oidcUrls();
  const { page, streamTokens } = await signIn(browser, 'analyst');
  await page.locator('header.top nav a[href="/dashboard"]').click();
  await expect(page.locator('.dashboard .live.on')).toBeVisible();
  await expectNoProblem(page, 'the dashboard, signed in through OIDC');
  await expect
    .poll(() => streamTokens('/api/v1/stream/summary'), {
      message: 'the summary stream was not reopened with the refreshed token',
      timeout: OIDC_ACCESS_TOKEN_TTL_SECONDS * 2000,
    })
    .toBeGreaterThan(1);
  await expect(page.locator('.dashboard .live.on')).toBeVisible();
  await expectNoProblem(page, 'the dashboard after the token was refreshed');

  await page.getByRole('button', { name: '退出', exact: true }).click();
  // Back from the provider's end_session at the console's login page, with no token left.
  await expect(page.locator('button[data-sign-in="oidc"]')).toBeVisible();
  expect(await accessToken(page)).toBe('');
  // The provider's session is gone too: signing in asks who the user is again.
  await page.locator('button[data-sign-in="oidc"]').click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expect(page.locator('button[data-user="analyst"]')).toBeVisible();
  await page.context().close();
});
