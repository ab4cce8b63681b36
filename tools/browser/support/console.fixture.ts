import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { GatewayApi } from './gateway-api';
import { GATEWAY_URL_ENV, RESULTS } from './run-paths';

function gatewayUrl(): string {
  const url = process.env[GATEWAY_URL_ENV];
  if (!url) throw new Error(`${GATEWAY_URL_ENV} is not set: the global setup did not start`);
  return url;
}

interface ConsoleFixtures {
  api: GatewayApi;
  /** A new tab signed in as the demo user (the token lives in the tab's sessionStorage). */
  as: (userId: string) => Promise<Page>;
  /**
   * The page as it is now, in both languages: each checked with axe-core (no serious or critical
   * WCAG 2.1 AA violation) and kept as a full-page screenshot under test-results/browser/
   * (<name>.png in the language it is in, <name>.<other language>.png), attached to the report.
   */
  shot: (page: Page, name: string) => Promise<void>;
}

/* eslint-disable no-empty-pattern -- Playwright reads a fixture's dependencies from its
   destructured first parameter, and these have none. */
export const test = base.extend<ConsoleFixtures>({
  baseURL: async ({}, use) => use(gatewayUrl()),
  api: async ({}, use) => use(new GatewayApi(gatewayUrl())),
  as: async ({ context }, use) => {
    await use(async (userId) => {
      const page = await context.newPage();
      await login(page, userId);
      return page;
    });
  },
  shot: async ({}, use, testInfo) => {
    const save = async (page: Page, name: string) => {
      const file = path.join(RESULTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
    };
    await use(async (page, name) => {
      await expectAccessible(page, name);
      await save(page, name);
      // The same page in the other language, checked and kept too, then switched back.
      const html = page.locator('html');
      const lang = (await html.getAttribute('lang')) ?? 'zh-CN';
      const other = lang === 'en' ? 'zh-CN' : 'en';
      const switcher = page.locator('button[data-lang-switch]');
      if ((await switcher.count()) !== 1) return;
      await switcher.click();
      await expect(html).toHaveAttribute('lang', other);
      await expectAccessible(page, `${name} (${other})`);
      await save(page, `${name}.${other}`);
      await switcher.click();
      await expect(html).toHaveAttribute('lang', lang);
    });
  },
});
/* eslint-enable no-empty-pattern */

export { expect };

export async function login(page: Page, userId: string): Promise<void> {
  await page.goto('/');
  // The language choice is kept in localStorage: every journey starts in Chinese.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator(`button[data-user="${userId}"]`).click();
  await expect(page.locator('header.top .who')).toBeVisible();
}

/** The API problems the page (or a part of it) shows as banners, one line each. */
async function problemsOn(where: Page | Locator): Promise<string[]> {
  const banners = where.locator('.problem');
  const shown: string[] = [];
  for (let i = 0, n = await banners.count(); i < n; i++) {
    const status = await banners.nth(i).getAttribute('data-status');
    const text = (await banners.nth(i).innerText()).split('\n').join(' ');
    shown.push(`HTTP ${status}: ${text}`);
  }
  return shown;
}

/** Fails with the problem banners of the page (or a part of it), if it shows any. */
export async function expectNoProblem(where: Page | Locator, what: string): Promise<void> {
  const shown = await problemsOn(where);
  if (shown.length > 0) throw new Error(`${what}: the console shows ${shown.join(' | ')}`);
}

/**
 * Waits until `done` shows or a problem banner does (in `where`, default the whole page), then
 * fails with the problem if one did: an action's outcome either way, without waiting out the
 * timeout on a refusal.
 */
export async function expectDone(
  page: Page,
  done: Locator,
  what: string,
  where: Page | Locator = page,
): Promise<void> {
  await expect(
    done.or(where.locator('.problem')).first(),
    `${what}: neither its result nor a problem appeared`,
  ).toBeVisible();
  await expectNoProblem(where, what);
  await expect(done.first(), what).toBeVisible();
}

/** The live badge ("● 实时") turns on once the gateway's case-change stream is open. */
export async function expectLive(page: Page): Promise<void> {
  await expect(
    page.locator('.live.on'),
    'the live case-change stream did not open (GET /api/v1/stream/cases)',
  ).toBeVisible({ timeout: 30_000 });
}

/** Marks the window; still marked later = the page was not reloaded in between. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
}

export async function expectNotReloaded(page: Page): Promise<void> {
  const marked = await page.evaluate(
    () => (window as unknown as { notReloaded?: boolean }).notReloaded === true,
  );
  expect(marked, 'the page was reloaded').toBe(true);
}

/** The mediation's status badge on the case page (beside the timeline's heading). */
export const mediationStatus = (page: Page) =>
  page.locator('h2 .badge[data-status^="MEDIATION_STATUS_"]');

/** A button by its exact accessible name. */
export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** A `date` input's value `days` from today. */
export const day = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Both parties' consent to mediation, one click each on the case page. */
export async function recordConsents(page: Page): Promise<void> {
  const consents = page.locator('button[data-consent]');
  await expect(consents).toHaveCount(2);
  const timeline = page.locator('.timeline li');
  for (let i = 0; i < 2; i++) {
    // Each consent is a new version: its timeline entry first, then the next click.
    const entries = await timeline.count();
    await consents.nth(i).click();
    await expectDone(page, timeline.nth(entries), `consent ${i + 1}`);
  }
}
