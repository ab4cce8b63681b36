import { expect, test } from '../support/console.fixture';

/**
 * The development issuer's demo users, named here because Playwright lists its tests before the
 * platform starts; the first test fails when the gateway's list differs, so none goes untested.
 */
const DEMO_USERS = [
  'volunteer',
  'mediator',
  'committee-admin',
  'lawyer',
  'analyst',
  'administrator',
  'mediator-elsewhere',
];
const ROLES = [
  'VOLUNTEER',
  'MEDIATOR',
  'COMMITTEE_ADMIN',
  'STATIONED_LAWYER',
  'ANALYST',
  'ADMINISTRATOR',
];

test('the backends become ready (/readyz)', async ({ request }) => {
  const res = await request.get('/readyz');
  expect(res.status(), `not ready: ${await res.text()}`).toBe(200);
});

test('the login page lists a demo user of every role', async ({ page, api, shot }) => {
  const users = await api.users();
  expect(users.map((u) => u.id).sort()).toEqual([...DEMO_USERS].sort());
  expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(ROLES));
  await page.goto('/');
  await expect(page.locator('.user-card')).toHaveCount(users.length);
  await shot(page, '00-login');
});

for (const userId of DEMO_USERS) {
  test(`log in as ${userId}, Chinese then English`, async ({ as, shot }) => {
    const page = await as(userId);
    await expect(page.locator('header.top')).toContainText('退出');
    await shot(page, `01-home-${userId}`);
    await page.click('button[data-lang-switch]');
    await expect(page.locator('header.top')).toContainText('Log out');
    await shot(page, `02-home-${userId}-en`);
  });
}
