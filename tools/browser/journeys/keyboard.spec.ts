import type { Page } from '@playwright/test';
import { expect, expectDone, mediationStatus, test } from '../support/console.fixture';

/** What has the keyboard's focus: a field's name, else its tag and text ("button:提交"). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e) return '';
    return e.getAttribute('name') ?? `${e.tagName.toLowerCase()}:${(e.textContent ?? '').trim()}`;
  });

/** The focus ring of what has the focus: wide enough to see on a tablet in daylight. */
async function expectFocusRing(page: Page) {
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style, 'the focused element shows no outline').not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
}

/** Tabs forward until `target` has the focus (at most `limit` presses): it is reachable. */
async function tabTo(page: Page, target: string, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${target}" was not reached with ${limit} presses of Tab`);
}

test('volunteer: registers a dispute and hands it on with the keyboard alone, in reading order', async ({
  as,
}) => {
  const page = await as('volunteer');
  await page.goto('/cases');
  // First the skip link (shown while focused), then the navigation.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('a:跳到正文');
  await expect(page.locator('.skip-link')).toBeInViewport();
  await expectFocusRing(page);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('a:登记纠纷');
  await page.keyboard.press('Enter');
  await expect(page.locator('form[data-form=short]')).toBeVisible();

  // The new page has the focus at its content: the short form's fields in reading order.
  const order: string[] = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
  }
  expect(order).toEqual([
    'category',
    'parties[0].name',
    'parties[0].phone',
    'parties[1].name',
    'parties[1].phone',
    'description',
    'riskLevel',
    'summary:更多信息（来源、渠道、人数、金额）',
    'button:提交',
  ]);

  // Filled by keys: a category chosen with the arrow key, the rest typed.
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, 'category', 20);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('select[name=category]')).not.toHaveValue('');
  for (const [field, text] of [
    ['parties[0].name', '钟敏'],
    ['parties[0].phone', '13904119999'],
    ['parties[1].name', '钟伟'],
    ['description', '兄妹因赡养费分担发生争执。'],
  ]) {
    await tabTo(page, field, 10);
    await page.keyboard.type(text);
  }
  await tabTo(page, 'button:提交', 10);
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expectDone(page, page.locator('section.case-head .case-status'), 'register by keyboard');
  await expect(page.locator('section.case-head .description')).toHaveText(
    '兄妹因赡养费分担发生争执。',
  );

  // The handover is reachable and works by keys.
  await expect(mediationStatus(page)).toHaveText('待受理', { timeout: 30_000 });
  await tabTo(page, 'button:交社区调委会');
  await page.keyboard.press('Enter');
  await expectDone(
    page,
    page.locator('section.case-progress .holder', { hasText: '人民调解委员会' }),
    'hand over by keyboard',
  );
});
