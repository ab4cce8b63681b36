import { expect, expectDone, expectNoProblem, test } from '../support/console.fixture';

test('lawyer: the desk inbox renders (pending / mine / overdue)', async ({ as, shot }) => {
  const page = await as('lawyer');
  await page.goto('/inbox');
  for (const tab of ['待认领', '我的', '已逾期']) {
    await page.click(`button[role=tab]:has-text("${tab}")`);
    await expect(page.locator(`button[role=tab][aria-selected=true]`)).toHaveText(tab);
    // Loaded: a table of referrals or the "no data" line.
    await expect(page.locator('section.card table, section.card > p').first()).toBeVisible();
    await expectNoProblem(page, `the ${tab} tab`);
    if (tab === '待认领') await shot(page, '30-lawyer-inbox');
  }
  await shot(page, '31-lawyer-inbox-overdue');
});

test('lawyer: claims a referral from a failed mediation and records the outcome', async ({
  api,
  as,
  shot,
}) => {
  await test.step('mediator: the case fails and is referred to the district court’s desk (API)', async () => {
    const mediator = await api.user('mediator');
    const caseId = await api.openCase('mediator', mediator.orgUnitCode);
    let m = await api.mediationOf('mediator', caseId);
    m = await api.as('mediator', 'POST', `/mediations/${caseId}/accept`, {
      expectedVersion: m.mediation.version,
    });
    await api.as('mediator', 'POST', `/mediations/${caseId}/fail`, {
      expectedVersion: m.mediation.version,
      reason: 'FAILURE_REASON_NO_CONSENSUS',
      remediesTold: ['REMEDY_LITIGATION'],
      referralRequest: {
        institutionType: 'INSTITUTION_TYPE_COURT',
        remedy: 'REMEDY_LITIGATION',
        summary: '调解不成，引导诉讼',
      },
    });
  });

  await test.step('lawyer: claims it from the pending tab', async () => {
    const page = await as('lawyer');
    await page.goto('/inbox');
    // The referral service creates the referral from the mediation's event.
    const claim = page.locator('td.buttons button:has-text("认领")');
    await expect(claim, 'no pending referral reached the desk').toHaveCount(1, {
      timeout: 30_000,
    });
    await shot(page, '32-lawyer-pending');
    await claim.click();
    await expectDone(page, page.locator('section.card > p'), 'claim');
    await page.click('button[role=tab]:has-text("我的")');
    const outcome = page.locator('td.buttons button:has-text("记录结果")');
    await expect(outcome).toHaveCount(1);
    await expect(page.locator('tbody tr').first()).toContainText('已认领');
    await shot(page, '33-lawyer-mine');

    await outcome.click();
    // Recorded: the row says so, or it has left the "mine" tab.
    await expectDone(
      page,
      page.locator('tbody tr:has-text("已反馈结果")').or(page.locator('section.card > p')),
      'outcome',
    );
    await expect(outcome).toHaveCount(0);
    await shot(page, '34-lawyer-outcome');
  });
});
