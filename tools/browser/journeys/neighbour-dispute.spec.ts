import type { Page } from '@playwright/test';
import {
  expect,
  expectDone,
  expectNoProblem,
  recordConsents,
  test,
} from '../support/console.fixture';
import { COMMUNITY_DIRECTOR } from '../support/gateway-api';

/** The status badge of the mediation (the timeline card's heading). */
const mediationStatus = (page: Page) => page.locator('h2 .badge').last();
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('volunteer: the open-case form validates before sending', async ({ as, shot }) => {
  const page = await as('volunteer');
  await page.goto('/cases/new');
  await page.click('button[type=submit]');
  await expect
    .poll(() => page.locator('.field-error').count(), {
      message: 'field errors shown for an empty form',
    })
    .toBeGreaterThanOrEqual(3);
  await shot(page, '10-open-case-empty');
  await page.fill('input[name="parties[0].phone"]', '12345');
  await page.click('button[type=submit]');
  await expect(page.locator('[data-field="parties[0].phone"]')).toBeVisible();
  await shot(page, '11-open-case-bad-phone');
});

test('a neighbour dispute from the reasoning point, escalated, to an agreement', async ({
  api,
  as,
  shot,
}) => {
  // Reaching the agreement takes a lead mediator: the community committee has one on its roster.
  const community = (await api.claims('mediator')).committee_code!;
  await api.ensureRosterMember(community, COMMUNITY_DIRECTOR);

  const caseId = await test.step('volunteer: opens a case at the reasoning point', async () => {
    const page = await as('volunteer');
    await page.goto('/cases/new');
    await page.selectOption('select[name=category]', 'DISPUTE_CATEGORY_NEIGHBOUR');
    await page.fill('input[name="parties[0].name"]', '张三');
    await page.fill('input[name="parties[0].phone"]', '13800001234');
    await page.fill('input[name="parties[1].name"]', '李四');
    await page.fill('textarea[name=description]', '楼上漏水，双方协商未果。');
    await shot(page, '12-open-case-filled');
    await page.click('button[type=submit]');
    // The form's problems, or the case card's: the mediation is created from the case event a
    // moment later (the mediator's step waits for it).
    const registered = page.locator('form.card, section.card').first();
    await expectDone(page, registered.locator('h2 .badge'), 'open the case', registered);
    await shot(page, '13-open-case-result');
    const id = /\/cases\/([^/]+)$/.exec(page.url())?.[1];
    expect(id, `no case page after submitting (${page.url()})`).toBeTruthy();
    expect(id).not.toBe('new');
    await page.close();
    return id!;
  });

  await test.step('mediator: my cases and the case detail with its timeline', async () => {
    await api.mediationOf('mediator', caseId);
    const page = await as('mediator');
    await page.goto('/cases');
    await expect(page.locator(`a[href="/cases/${caseId}"]`)).toBeVisible();
    await expectNoProblem(page, 'my cases');
    await shot(page, '20-mediator-cases');
    await page.goto(`/cases/${caseId}`);
    await expect(page.locator('.timeline li').first()).toBeVisible();
    await expectNoProblem(page, 'the case detail');
    await shot(page, '21-mediator-case-detail');
    await page.close();
  });

  await test.step('volunteer: accepts at the reasoning point and escalates to the community', async () => {
    const page = await as('volunteer');
    await page.goto(`/cases/${caseId}`);
    await expect(mediationStatus(page)).toHaveText('待受理');
    await button(page, '受理').click();
    await expectDone(page, mediationStatus(page).getByText('调解中'), 'accept');
    await button(page, '上报上级').click();
    await expectDone(page, mediationStatus(page).getByText('待受理'), 'escalate');
    await shot(page, '22-volunteer-escalated');
    await page.close();
  });

  await test.step('mediator: accepts the escalated case, assigns a lead and records an agreement', async () => {
    const page = await as('mediator');
    await page.goto(`/cases/${caseId}`);
    await expect(mediationStatus(page)).toHaveText('待受理');
    await button(page, '受理').click();
    await expectDone(page, mediationStatus(page).getByText('调解中'), 'accept');
    await page.selectOption('form.assign-form select[name=lead]', 'cm-1');
    await page.click('button[data-action=assign]');
    await expectDone(
      page,
      page.locator('li[data-mediator="cm-1"][data-role=MEDIATOR_ROLE_LEAD]'),
      'assign the lead',
    );
    await recordConsents(page);
    await page.fill('textarea[name=facts]', '楼上管道老化漏水。');
    await page.fill('textarea[name=issues]', '维修费用承担。');
    await page.fill('textarea[name=terms]', '李四于十日内负责维修管道并赔偿张三损失五百元。');
    await button(page, '达成协议').click();
    await expectDone(page, mediationStatus(page).getByText('已达成协议'), 'record the agreement');
    await shot(page, '23-mediator-agreement');
    await page.close();
  });

  await test.step('mediator: the case timeline shows every step', async () => {
    const page = await as('mediator');
    await page.goto(`/cases/${caseId}`);
    // Opened, accepted, escalated, accepted, lead assigned, two consents, agreement.
    await expect
      .poll(() => page.locator('.timeline li').count(), { message: 'timeline entries' })
      .toBeGreaterThanOrEqual(8);
    await shot(page, '24-mediator-timeline');
    await page.close();
  });
});
