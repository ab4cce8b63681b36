import { codeIn, codeTextsTo, readTexts, resendWaitMs } from '@mediation/test-platform';
import type { Page } from '@playwright/test';
import { expect } from './console.fixture';
import { SMS_LOG_ENV } from './run-paths';

/** A phone in the hand: the party app's journeys run at this size. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The SMS stand-in's log of this run. */
export function smsLog(): string {
  const log = process.env[SMS_LOG_ENV];
  if (!log) throw new Error(`${SMS_LOG_ENV} is not set: the global setup did not start`);
  return log;
}

/** How many one-time codes were texted to `mobile` so far. */
export const codeTextCount = (mobile: string) => codeTextsTo(readTexts(smsLog()), mobile).length;

/** The code in the newest code text to `mobile`, once it has more than `after` code texts. */
export async function codeTextedTo(mobile: string, after: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      () => {
        const codes = codeTextsTo(readTexts(smsLog()), mobile);
        code = codes.length > after ? codeIn(codes.at(-1)) : undefined;
        return code;
      },
      { message: `a code texted to ${mobile}`, timeout: 30_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

/** Waits until a text from `template` (a template code's start) has gone to `mobile`. */
export async function expectTexted(mobile: string, template: string, what: string): Promise<void> {
  await expect
    .poll(
      () =>
        readTexts(smsLog())
          .filter((t) => t.phone === mobile)
          .some((t) => t.templateCode.startsWith(template)),
      { message: what, timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Waits out the notification service's one code a minute per number since the last code texted
 * to `mobile` (a journey that signs in and then signs asks twice within the minute).
 */
export async function resendWindow(mobile: string): Promise<void> {
  const wait = resendWaitMs(codeTextsTo(readTexts(smsLog()), mobile));
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}

/**
 * Signs in to the party app with `mobile` and the code texted to it, after a wrong code first
 * (refused with the reason, still on the code step).
 */
export async function signIn(page: Page, mobile: string, shot?: (name: string) => Promise<void>) {
  await page.goto('/my');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.fill('input[name=mobile]', mobile);
  if (shot) await shot('40-party-sign-in');
  const before = codeTextCount(mobile);
  await page.click('form[data-step=mobile] button[type=submit]');
  await expect(page.locator('form[data-step=code]')).toBeVisible();
  const code = await codeTextedTo(mobile, before);
  await page.fill('input[name=code]', code === '000000' ? '111111' : '000000');
  await page.click('form[data-step=code] button[type=submit]');
  await expect(page.locator('.problem[data-status="400"]')).toContainText('验证码不正确');
  if (shot) await shot('41-party-wrong-code');
  await page.fill('input[name=code]', code);
  await page.click('form[data-step=code] button[type=submit]');
  await expect(page.locator('#party-cases')).toBeVisible();
}
