import { readFileSync } from 'node:fs';
import { expect, expectNoProblem, test } from '../support/console.fixture';

test('analyst: the dashboard renders KPIs, trend, drill-down, flow, alerts, report', async ({
  as,
  shot,
}) => {
  const page = await as('analyst');
  await page.goto('/dashboard');
  // Six counts, then money (元), rates (%) and satisfaction.
  await expect(page.locator('.kpi')).toHaveCount(11);
  await expect(page.locator('.live.on'), 'the live summary stream did not start').toBeVisible({
    timeout: 30_000,
  });
  await expect(page.locator('[data-kpi=amountInvolved] .kpi-value')).toHaveText(/元$/);
  await expect(page.locator('[data-kpi=performanceRate] .kpi-value')).toHaveText(/%$/);
  // The monthly report is the last section to load.
  await expect(page.locator('table.report').first()).toBeVisible();
  await expectNoProblem(page, 'the dashboard');
  await expect(page.locator('main'), 'an amount in fen').not.toContainText('(分)');
  await expect(
    page.locator('table.report[data-table=by-category] td[data-unit=COLUMN_UNIT_FEN]').first(),
  ).toHaveText(/元$/);
  await expect(
    page.locator('table.report[data-table=by-category] td[data-unit=COLUMN_UNIT_PERCENT]').first(),
  ).toHaveText(/%$/);
  await shot(page, '40-analyst-dashboard');
  // Every table saves as CSV, as it reads.
  for (const table of [
    'categories',
    'drilldown',
    'by-category',
    'flow',
    'alerts',
    'by-source',
    'by-org-unit',
  ])
    await expect(page.locator(`button[data-csv="${table}"]`)).toBeVisible();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button[data-csv="by-category"]'),
  ]);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text).toContain('涉及金额(元)');
  expect(text).toContain('合计');
  expect(text).not.toContain('(分)');
  await page.click('button[aria-label="language"]');
  await expect(page.locator('table.report[data-table=by-category] caption')).toContainText(
    'Cases by category',
  );
  await shot(page, '41-analyst-dashboard-en');
});

test('analyst: watches the counters change without reloading, then drills down to the point', async ({
  api,
  as,
  shot,
}) => {
  const page = await as('analyst');
  await page.goto('/dashboard');
  await expect(page.locator('.live.on'), 'the live summary stream did not start').toBeVisible({
    timeout: 30_000,
  });
  const opened = page.locator('[data-kpi=opened] .kpi-value');
  const before = Number(await opened.innerText());
  expect(before, `the "opened" KPI is not a number: ${await opened.innerText()}`).not.toBeNaN();
  const point = (await api.user('volunteer')).orgUnitCode;
  await api.openCase('volunteer', point);
  await expect
    .poll(async () => Number(await opened.innerText()), {
      message: 'the "opened" KPI did not follow the new case',
      timeout: 60_000,
    })
    .toBeGreaterThan(before);
  await shot(page, '42-analyst-live-update');
  // City -> district -> street -> community -> point, following the point's code.
  for (const len of [6, 9, 12, 15]) {
    const code = point.slice(0, len);
    await page.locator(`table.drilldown button[data-code="${code}"]`).click();
    await expect(page.locator('.breadcrumb button')).toHaveCount([6, 9, 12, 15].indexOf(len) + 2);
    await shot(page, `43-analyst-drilldown-${code}`);
  }
  await expectNoProblem(page, 'the drill-down');
});
