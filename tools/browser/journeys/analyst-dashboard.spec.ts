import { readFileSync } from 'node:fs';
import { expect, expectNoProblem, test } from '../support/console.fixture';

test('analyst: the dashboard renders KPIs, trend, drill-down, flow, alerts, report', async ({
  as,
  shot,
}) => {
  const page = await as('analyst');
  await page.goto('/dashboard');
  // Six counts, then money (元), rates (%) and satisfaction.
  await expect(page.locator('[data-kpi]')).toHaveCount(11);
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
  // How the cases came in (online applications among them), by label, never an enum name.
  await expect(page.locator('[data-breakdown=channels] h3')).toContainText('登记渠道');
  await expect(page.locator('[data-breakdown=channels]')).not.toContainText('CHANNEL_');
  // What the parties did online and what the reminders did: counts, and the no-show rates of
  // parties reminded of a session and of the others, each with the counts behind it.
  const online = page.locator('[data-card=online-reminders]');
  await expect(online.locator('h3')).toHaveText('在线办理与提醒');
  for (const field of [
    'onlineApplications',
    'consentsOnline',
    'agreementSignaturesOnline',
    'remindersSent',
  ])
    await expect(online.locator(`[data-measure=${field}] .kpi-value`)).toHaveText(/^\d+$/);
  for (const field of ['noShowRateReminded', 'noShowRateNotReminded']) {
    const rate = online.locator(`[data-measure=${field}]`);
    await expect(rate.locator('.kpi-value')).toHaveText(/^\d+(\.\d)?%$/);
    await expect(rate.locator('.kpi-detail')).toHaveText(/^缺席 \d+ \/ 应到 \d+ 人次$/);
    const [noShows, parties] = await Promise.all([
      rate.getAttribute('data-no-shows'),
      rate.getAttribute('data-parties'),
    ]);
    expect(Number(noShows)).toBeLessThanOrEqual(Number(parties));
  }
  await expect(online.locator('[data-measure=noShowRateReminded] .kpi-label')).toHaveText(
    '缺席率（会前已提醒）',
  );
  await expect(online).not.toContainText('CHANNEL_');
  await expect(online).not.toContainText('CONSENT_METHOD');
  await shot(page, '40-analyst-dashboard');
  // Every table saves as CSV, as it reads.
  for (const table of [
    'categories',
    'channels',
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
  // Printed, the dashboard is its report tables alone, without the console's controls.
  await expect(page.locator('button[data-print-report]')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.kpis')).toBeHidden();
  await expect(page.locator('header.top')).toBeHidden();
  await expect(page.locator('button[data-print-report]')).toBeHidden();
  await expect(page.locator('table.report').first()).toBeVisible();
  await expect(page.locator('.report-title')).not.toBeEmpty();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.kpis')).toBeVisible();
  await page.click('button[data-lang-switch]');
  await expect(page.locator('table.report[data-table=by-category] caption')).toContainText(
    'Cases by category',
  );
  await expect(online.locator('h3')).toHaveText('Online and reminders');
  await expect(online.locator('[data-measure=noShowRateNotReminded] .kpi-detail')).toHaveText(
    /^\d+ no-shows of \d+ parties$/,
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

test('analyst: a spike of disputes at one point raises an alert, acknowledged with a note', async ({
  api,
  as,
  shot,
}) => {
  // Five medical disputes at one reasoning point in a day, none the days before: a spike there
  // (the statistics service's default rule: at least 5, and 3 times the week's mean).
  const point = (await api.user('volunteer')).orgUnitCode;
  for (let i = 0; i < 5; i++)
    await api.openCase('volunteer', point, undefined, 'DISPUTE_CATEGORY_MEDICAL');
  const page = await as('analyst');
  await page.goto('/dashboard');
  const alert = page.locator('ul.alerts li', { hasText: '医疗' });
  await expect
    .poll(
      async () => {
        if ((await alert.count()) === 0) await page.reload();
        return alert.count();
      },
      {
        message: 'no alert for the spike of medical disputes',
        timeout: 60_000,
        intervals: [2_000],
      },
    )
    .toBe(1);
  await expect(alert).toHaveAttribute('data-status', 'ALERT_STATUS_OPEN');
  await expect(alert).toContainText('待处置');
  await expect(alert).toContainText('实际 5');
  await shot(page, '44-analyst-alert-open');

  // A note is required; then the alert shows who took it on, and no button any more.
  await alert.getByRole('button', { name: '确认并处置' }).click();
  await alert.locator('form').getByRole('button', { name: '确认并处置' }).click();
  await expect(alert.locator('[data-field=note]')).toBeVisible();
  await alert.getByLabel('处置说明').fill('已通知社区调委会上门排查，周五前回报');
  await alert.locator('form').getByRole('button', { name: '确认并处置' }).click();
  await expect(alert).toHaveAttribute('data-status', 'ALERT_STATUS_ACKNOWLEDGED');
  await expect(alert).toContainText('已确认');
  await expect(alert).toContainText('已通知社区调委会上门排查，周五前回报');
  await expect(alert.getByRole('button')).toHaveCount(0);
  await expectNoProblem(page, 'the acknowledged alert');
  await shot(page, '45-analyst-alert-acknowledged');

  // The CSV holds the acknowledgement as the page shows it.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button[data-csv="alerts"]'),
  ]);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text).toContain('医疗');
  expect(text).toContain('已通知社区调委会上门排查，周五前回报');
});
