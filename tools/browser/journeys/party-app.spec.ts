import { readTexts } from '@mediation/test-platform';
import type { Page } from '@playwright/test';
import { expect, expectNoProblem, test } from '../support/console.fixture';
import { SMS_LOG_ENV } from '../support/run-paths';

// A citizen on a phone: opens the link in a text, proves the number with the code texted (read
// from the SMS stand-in's log), sees the case that names it and what happens next; a second phone
// proves itself the same way and sees no case.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The code last texted to `mobile`, once a text newer than `after` arrived. */
async function codeTextedTo(mobile: string, after: number): Promise<string> {
  const log = process.env[SMS_LOG_ENV];
  if (!log) throw new Error(`${SMS_LOG_ENV} is not set: the global setup did not start`);
  let text = '';
  await expect
    .poll(
      () => {
        const texts = readTexts(log).filter((t) => t.phone === mobile);
        text = texts.length > after ? texts[texts.length - 1]!.text : '';
        return text;
      },
      { message: `a code texted to ${mobile}`, timeout: 30_000 },
    )
    .toMatch(/验证码为\d{6}/);
  return /验证码为(\d{6})/.exec(text)![1]!;
}

async function signIn(page: Page, mobile: string, shot?: (name: string) => Promise<void>) {
  await page.goto('/my');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.fill('input[name=mobile]', mobile);
  if (shot) await shot('40-party-sign-in');
  const log = process.env[SMS_LOG_ENV]!;
  const before = readTexts(log).filter((t) => t.phone === mobile).length;
  await page.click('form[data-step=mobile] button[type=submit]');
  await expect(page.locator('form[data-step=code]')).toBeVisible();
  const code = await codeTextedTo(mobile, before);
  // A wrong code first: refused, with the reason, and still on the code step.
  await page.fill('input[name=code]', code === '000000' ? '111111' : '000000');
  await page.click('form[data-step=code] button[type=submit]');
  await expect(page.locator('.problem[data-status="400"]')).toContainText('验证码不正确');
  if (shot) await shot('41-party-wrong-code');
  await page.fill('input[name=code]', code);
  await page.click('form[data-step=code] button[type=submit]');
  await expect(page.locator('#party-cases')).toBeVisible();
}

test('a party on a phone proves the number and follows the case; another phone sees nothing', async ({
  api,
  browser,
  shot,
}) => {
  const mobile = `136${String(Date.now()).slice(-8)}`;
  const mediator = await api.claims('mediator');
  const caseId = await api.openCase('mediator', mediator.org_unit_code!, mobile);
  const phone = await browser.newContext(PHONE);
  try {
    const page = await phone.newPage();
    await signIn(page, mobile, (name) => shot(page, name));
    const card = page.locator('li[data-case]');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('已登记');
    await expect(card).toContainText('3个工作日内决定是否受理');
    await expectNoProblem(page, 'the party’s cases');
    await shot(page, '42-party-cases');
    await card.locator('a').click();
    await expect(page).toHaveURL(new RegExp(`/my/cases/${caseId}$`));
    await expect(page.locator('[data-next-step]')).toContainText('是否受理');
    await expect(page.locator('[data-committee]')).toContainText('调解委员会');
    await expect(page.getByText('赵六 （您）')).toBeVisible();
    await expect(page.locator('main')).not.toContainText(mobile);
    await expectNoProblem(page, 'the party’s case');
    await shot(page, '43-party-case');
    // Signing out leaves nothing behind: the sign-in page again.
    await page.click('header.top button.secondary:not([data-lang-switch])');
    await expect(page.locator('form[data-step=mobile]')).toBeVisible();

    const other = await phone.newPage();
    await signIn(other, `135${String(Date.now()).slice(-8)}`);
    await expect(other.locator('li[data-case]')).toHaveCount(0);
    await expect(other.locator('main')).toContainText('此手机号下没有调解案件');
    await shot(other, '44-party-no-cases');
  } finally {
    await phone.close();
  }
});
