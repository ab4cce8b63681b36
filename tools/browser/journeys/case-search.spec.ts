import type { Page } from '@playwright/test';
import { expect, expectNoProblem, test } from '../support/console.fixture';

/** A mobile number no other journey uses: the search must find this run's case alone. */
const uniquePhone = () => `139${String(Date.now()).slice(-8)}`;
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** Enum names the API speaks; the console shows labels only. */
const ENUM_NAME = /\b(CASE_STATUS|DEADLINE_KIND|REFERRAL_STAGE|HANDLING_LEVEL|ROLE)_[A-Z_]+\b/;

async function expectNoEnumNames(page: Page, what: string) {
  const text = await page.locator('main').innerText();
  expect(text, `${what} shows an enum name`).not.toMatch(ENUM_NAME);
}

test('mediator: my cases searched by phone, filtered, then the case’s one timeline', async ({
  api,
  as,
  shot,
}) => {
  const phone = uniquePhone();
  const caseId = await api.openCase('volunteer', (await api.user('volunteer')).orgUnitCode, phone);
  await api.mediationOf('mediator', caseId);

  const page = await as('mediator');
  await page.goto('/cases');
  const rows = page.locator('table.cases tbody tr');
  await expect(page.locator(`table.cases tr[data-case-id="${caseId}"]`)).toBeVisible();
  await expectNoProblem(page, 'my cases');

  // The phone goes out as a search parameter only: the box is cleared, the number shown masked.
  await page.fill('form[role=search] input[name=q]', phone);
  await page.click('form[role=search] button[type=submit]');
  await expect(page.locator('p.searching[data-kind=partyPhone]')).toContainText(masked(phone));
  await expect(rows).toHaveCount(1);
  const row = page.locator(`table.cases tr[data-case-id="${caseId}"]`);
  const caseNumber = (await row.locator('a').first().innerText()).trim();
  expect(caseNumber).toMatch(/调字第/);
  await expect(row.locator('td.case-status')).not.toHaveText('—');
  await expect(row.locator('td.holder')).not.toHaveText('—');
  await expect(page.locator('form[role=search] input[name=q]')).toHaveValue('');
  expect(await page.locator('main').innerText()).not.toContain(phone);
  await expectNoEnumNames(page, 'my cases');
  await expectNoProblem(page, 'the search by phone');
  await shot(page, '90-mediator-cases-search-by-phone');

  // Filters narrow the search: nobody is assigned yet ("mine" finds nothing), the status filter
  // keeps the case at its own status.
  await page.check('form[role=search] input[name=mine]');
  await expect(rows).toHaveCount(0);
  await page.uncheck('form[role=search] input[name=mine]');
  const status = await row.getAttribute('data-status');
  expect(status).toMatch(/^CASE_STATUS_/);
  await page.selectOption('form[role=search] select[name=status]', status!);
  await expect(rows).toHaveCount(1);
  await page.selectOption('form[role=search] select[name=status]', 'CASE_STATUS_CLOSED');
  await expect(rows).toHaveCount(0);
  await page.selectOption('form[role=search] select[name=status]', '');
  await expect(rows).toHaveCount(1);
  // Category, channel and the day it was registered (China Standard Time) narrow it too.
  await page.selectOption('form[role=search] select[name=category]', 'DISPUTE_CATEGORY_LABOUR');
  await expect(rows).toHaveCount(0);
  await page.selectOption('form[role=search] select[name=category]', 'DISPUTE_CATEGORY_CONTRACT');
  await expect(rows).toHaveCount(1);
  await page.selectOption('form[role=search] select[name=channel]', 'CHANNEL_WALK_IN');
  await expect(rows).toHaveCount(0);
  await page.selectOption('form[role=search] select[name=channel]', 'CHANNEL_HOTLINE_12348');
  await expect(rows).toHaveCount(1);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
  await page.fill('form[role=search] input[name=registeredFrom]', tomorrow);
  await expect(rows).toHaveCount(0);
  await page.fill('form[role=search] input[name=registeredFrom]', today);
  await page.fill('form[role=search] input[name=registeredTo]', today);
  await expect(rows).toHaveCount(1);
  await expectNoProblem(page, 'the filters');
  await shot(page, '91-mediator-cases-filtered');

  // Saved under a name, the filters come back after a reload, without the phone searched for.
  await page.click('.saved-filters button:has-text("保存筛选")');
  await page.fill('.saved-filters input[name=filterName]', '今日热线合同纠纷');
  await page.click('.saved-filters button[type=submit]');
  await page.reload();
  await expect(page.locator('form[role=search] select[name=category]')).toHaveValue('');
  await page.selectOption('.saved-filters select[name=savedFilter]', '今日热线合同纠纷');
  await expect(page.locator('form[role=search] select[name=category]')).toHaveValue(
    'DISPUTE_CATEGORY_CONTRACT',
  );
  await expect(page.locator('form[role=search] input[name=registeredTo]')).toHaveValue(today);
  await expect(page.locator('p.searching')).toHaveCount(0);
  await expect(page.locator(`table.cases tr[data-case-id="${caseId}"]`)).toBeVisible();
  await page.click('.saved-filters button:has-text("删除此筛选")');
  await expect(page.locator('.saved-filters select[name=savedFilter] option')).toHaveCount(1);
  await page.fill('form[role=search] input[name=q]', phone);
  await page.click('form[role=search] button[type=submit]');
  await expect(rows).toHaveCount(1);

  // The case: its status, where it is, and one timeline with who, where and when.
  await row.locator('a').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  const opened = page.locator('.case-timeline li[data-source=intake]').first();
  await expect(opened, 'the case timeline has no intake step').toBeVisible();
  await expect(opened.locator('time')).not.toHaveText('—');
  await expect(opened.locator('.muted')).not.toHaveText('');
  await expect(page.locator('h2 .case-status')).toHaveAttribute('data-status', status!);
  await expect(page.locator('section.case-progress .holder')).not.toHaveText('—');
  await expectNoProblem(page, 'the case page');
  await expectNoEnumNames(page, 'the case page');
  await shot(page, '92-mediator-case-timeline');
  await page.click('button[data-lang-switch]');
  await expect(page.locator('section.case-progress h3')).toHaveText('Where the case is');
  await expect(page.locator('.case-timeline li[data-source=intake]').first()).toContainText(
    'Case registered',
  );
  await expectNoEnumNames(page, 'the case page in English');
  await shot(page, '93-mediator-case-timeline-en');
  await page.close();

  // 来电查询: the hotline's volunteer finds the caller's earlier case by the phone alone.
  const hotline = await as('volunteer');
  await hotline.click('header.top nav a[href="/lookup"]');
  await hotline.fill('input[name=contact]', phone);
  await hotline.click('form[role=search] button[type=submit]');
  await expect(hotline.locator('p.found')).toHaveAttribute('data-count', '1');
  await expect(
    hotline.locator(`table.cases tr[data-case-id="${caseId}"] td.holder`),
  ).not.toHaveText('—');
  expect(await hotline.locator('main').innerText()).not.toContain(phone);
  await expectNoProblem(hotline, 'the caller look-up');
  await expectNoEnumNames(hotline, 'the caller look-up');
  await shot(hotline, '94-volunteer-caller-lookup');
  await hotline.close();

  // 查阅记录: the mediator read the parties in clear on the case page; the administrator sees it.
  const admin = await as('administrator');
  await admin.click('header.top nav a[href="/audit"]');
  // By the case's number, as people know it, not its id.
  await admin.fill('form input[name=value]', caseNumber);
  await admin.click('form button[type=submit]');
  const read = admin.locator(`section.read-audit tr[data-reader="demo-mediator"]`).first();
  await expect(read).toHaveAttribute('data-case-id', caseId);
  await expect(read).toContainText(caseNumber);
  await expect(read).toContainText('查看案件');
  await expect(read).toContainText('本辖区案件');
  await expectNoProblem(admin, 'the read audit');
  await shot(admin, '95-administrator-read-audit');
});

test('the read audit is for administrators only', async ({ as }) => {
  const page = await as('committee-admin');
  await expect(page.locator('header.top nav a[href="/audit"]')).toHaveCount(0);
  await page.goto('/audit');
  // a case id goes to the audit itself (a case number is first looked up among the cases)
  await page.fill('form input[name=value]', '00000000-0000-4000-8000-000000000000');
  await page.click('form button[type=submit]');
  await expect(page.locator('.problem[data-status="403"]')).toBeVisible();
});
