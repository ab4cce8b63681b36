import type { Page } from '@playwright/test';
import { expect, expectDone, expectNoProblem, test } from '../support/console.fixture';

test('lawyer: the desk inbox renders (pending / mine / overdue) with the desk’s staff', async ({
  api,
  as,
  shot,
}) => {
  // The administrator staffs the desk (its roster is reference data, kept through the API).
  const { deskCode } = await api.user('lawyer');
  const { desk } = await api.as<{ desk: { version: string } }>(
    'administrator',
    'GET',
    `/desks/${deskCode}/staff`,
  );
  await api.as('administrator', 'PUT', `/desks/${deskCode}/staff`, {
    expectedVersion: desk.version,
    staff: [
      { lawyerId: 'demo-lawyer', displayName: '陈律师', role: 'DESK_STAFF_ROLE_LAWYER' },
      { lawyerId: 'lawyer-zhou', displayName: '周主任', role: 'DESK_STAFF_ROLE_SUPERVISOR' },
    ],
  });
  const page = await as('lawyer');
  await page.goto('/inbox');
  const staff = page.locator('section.desk-staff');
  await expect(staff.locator('tr[data-lawyer="lawyer-zhou"]')).toContainText('周主任');
  await expect(staff.locator('tr[data-lawyer="lawyer-zhou"]')).toContainText('负责人');
  await expect(staff.locator('tr[data-lawyer="demo-lawyer"]')).toContainText('驻点律师');
  for (const tab of ['待认领', '我的', '已逾期']) {
    await page.click(`button[role=tab]:has-text("${tab}")`);
    await expect(page.locator(`button[role=tab][aria-selected=true]`)).toHaveText(tab);
    // Loaded: a table of referrals or the "no data" line.
    await expect(page.locator('section.card table, section.card > p').first()).toBeVisible();
    await expectNoProblem(page, `the ${tab} tab`);
    if (tab === '待认领') await shot(page, '30-lawyer-inbox');
  }
  await shot(page, '31-lawyer-inbox-overdue');

  // An administrator has no desk: the inbox asks which one, then shows it with its staff.
  const admin = await as('administrator');
  await admin.click('header.top nav a[href="/inbox"]');
  await expect(admin.locator('section.card table')).toHaveCount(0);
  await expectNoProblem(admin, 'the inbox before a desk is named');
  await admin.fill('input[name=deskCode]', deskCode);
  await admin.getByRole('button', { name: '查看', exact: true }).click();
  await expect(admin.locator('section.card h2 code')).toHaveText(deskCode);
  await expect(admin.locator('section.desk-staff tr[data-lawyer="lawyer-zhou"]')).toBeVisible();
  await expectNoProblem(admin, 'the desk inbox for the administrator');
  await shot(admin, '31b-administrator-desk-inbox');
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
    const row = page.locator('tbody tr').first();
    await expect(row).toContainText('调解不成后转交');
    // The referral service's handover: the case number and why mediation failed, in words.
    await expect(row.locator('td.case-number')).toContainText('调字第');
    await expect(row.locator('td.summary')).toContainText('调字第');
    await expect(row.locator('td.summary')).toContainText('双方未能达成一致');
    await expect(row.locator('td.sla')).toContainText('剩余');
    await expectNoRawEnum(page);
    await claim.click();
    await expectDone(page, page.locator('section.card > p'), 'claim');
    await page.click('button[role=tab]:has-text("我的")');
    await expect(page.locator('tbody tr').first()).toContainText('已认领');
    await shot(page, '33-lawyer-mine');

    // The referral's page: record work, then the outcome with its external case number.
    await page.locator('tbody tr').first().getByRole('link', { name: '打开' }).click();
    await expect(page.locator('section.referral .badge')).toHaveText('已认领');
    await expect(page.locator('dl.facts')).toContainText('调字第');
    await expect(page.locator('select[name=workKind] option')).toHaveCount(6);
    await page.selectOption('select[name=workKind]', 'WORK_KIND_CONSULTATION');
    await page.fill('input[name=workMinutes]', '40');
    await page.fill('input[name=workSummary]', '向申请人释明起诉条件');
    await page.click('button[data-action=work]');
    await expectDone(page, page.locator('ul.work li[data-work=WORK_KIND_CONSULTATION]'), 'work');
    await expect(page.locator('ul.work li')).toContainText('法律咨询');
    await page.selectOption(
      'select[name=referralOutcome]',
      'REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED',
    );
    await page.fill('input[name=externalReference]', '（2026）辽0202民初123号');
    await page.click('button[data-action=outcome]');
    await expectDone(
      page,
      page.locator('section.referral[data-status=REFERRAL_STATUS_OUTCOME_RECORDED]'),
      'outcome',
    );
    await expect(page.locator('[data-outcome]')).toContainText('引导诉讼（已立案）');
    await expect(page.locator('form.outcome-form')).toHaveCount(0);
    await expectNoRawEnum(page);
    await shot(page, '34-lawyer-outcome');

    // The case behind the referral at the lawyer's desk: its status, the referral's stage and
    // the one timeline with the desk's steps (the lawyer reads no mediation).
    await page.click('section.referral a[href^="/cases/"]');
    await expect(page.locator('.case-timeline li[data-source=referral]').first()).toBeVisible();
    await expect(page.locator('section.case-progress .referral-state')).toHaveAttribute(
      'data-stage',
      /^REFERRAL_STAGE_/,
    );
    await expect(page.locator('h2 .case-status')).toHaveAttribute('data-status', /^CASE_STATUS_/);
    await expectNoProblem(page, 'the case behind the referral');
    await expectNoRawEnum(page);
    await shot(page, '34b-lawyer-case-timeline');
  });
});

test('lawyer: declines one referral and returns another, from the referral page', async ({
  api,
  as,
  shot,
}) => {
  /** A failed case referred to the court's desk, through the mediator's fail form. */
  const failAndRefer = async () => {
    const mediator = await api.user('mediator');
    const caseId = await api.openCase('mediator', mediator.orgUnitCode);
    await api.mediationOf('mediator', caseId);
    const page = await as('mediator');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expectDone(page, page.locator('form.fail-form'), 'accept');
    await page.selectOption('select[name=failureReason]', 'FAILURE_REASON_NO_CONSENSUS');
    await page.check('input[name=referOut]');
    await page.selectOption('select[name=referInstitution]', 'INSTITUTION_TYPE_COURT');
    await page.fill('input[name=referralSummary]', '双方分歧大，建议诉讼');
    await page.click('button[data-action=fail]');
    await expectDone(page, page.locator('.timeline li:has-text("申请转交人民法院")'), 'fail');
    await page.close();
  };
  /** The one pending referral's page, once the referral service has made it. */
  const openPending = async () => {
    const page = await as('lawyer');
    await page.goto('/inbox');
    const open = page.locator('tbody tr').getByRole('link', { name: '打开' });
    await expect(open, 'no pending referral reached the desk').toHaveCount(1, { timeout: 30_000 });
    await open.click();
    await expect(page.locator('section.referral .badge')).toHaveText('待认领');
    return page;
  };

  await failAndRefer();
  let page = await openPending();
  await expect(page.locator('select[name=declineReason] option')).toHaveCount(5);
  await page.selectOption('select[name=declineReason]', 'DECLINE_REASON_OUT_OF_JURISDICTION');
  await page.fill('input[name=declineNote]', '应由中级法院处理');
  await page.click('button[data-action=decline]');
  await expectDone(
    page,
    page.locator('section.referral[data-status=REFERRAL_STATUS_RETURNED]'),
    'decline',
  );
  await shot(page, '35-lawyer-declined');
  await page.close();

  await failAndRefer();
  page = await openPending();
  await page.click('button[data-action=claim]');
  await expectDone(page, page.locator('form.return-form'), 'claim');
  await page.selectOption('select[name=returnReason]', 'RETURN_REASON_PARTIES_UNREACHABLE');
  await page.click('button[data-action=return]');
  await expectDone(
    page,
    page.locator('section.referral[data-status=REFERRAL_STATUS_RETURNED]'),
    'return',
  );
  await expect(page.locator('.timeline li').last()).not.toContainText('RETURN_REASON');
  // Back with the sender: no deadline runs for this desk any more.
  await expect(page.locator('dd.sla')).toHaveText('—');
  await expectNoRawEnum(page);
  await page.click('button[data-lang-switch]');
  await expect(page.locator('section.referral .badge')).toHaveText('Returned');
  await shot(page, '36-lawyer-returned-en');
});

test('lawyer: entrusts a court matter to mediation, the referral follows it', async ({
  api,
  as,
  shot,
}) => {
  const community = (await api.user('mediator')).orgUnitCode;
  const page = await as('lawyer');
  await page.click('header.top nav a[href="/entrust"]');
  await page.selectOption('select[name=entrustKind]', 'REFERRAL_KIND_COURT_PRE_FILING');
  await page.fill('input[name=externalReference]', '（2026）辽0202民诉前调456号');
  await page.fill('input[name=orgUnitCode]', community);
  await page.selectOption('select[name=category]', 'DISPUTE_CATEGORY_PROPERTY_MANAGEMENT');
  await page.fill('input[name="parties[0].name"]', '物业公司');
  await page.fill('input[name="parties[1].name"]', '业主孙八');
  await page.fill('input[name=amountInvolved]', '3600');
  await page.fill('textarea[name=description]', '拖欠物业费两年。');
  await page.fill('input[name=handoverSummary]', '诉前委派，请社区调委会调解');
  await shot(page, '37-lawyer-entrust-form');
  await page.click('button[data-action=entrust]');
  await expectDone(page, page.locator('section.referral dl.facts'), 'entrust');
  await expect(page.locator('section.referral dl.facts')).toContainText('诉前委派调解');
  await expect(page.locator('section.referral .summary')).toHaveText('诉前委派，请社区调委会调解');
  await expectNoRawEnum(page);
  await shot(page, '38-lawyer-entrusted');
});

/** No proto enum name (RETURN_REASON_..., OUT_OF_SCOPE, UNSPECIFIED) anywhere on the page. */
async function expectNoRawEnum(page: Page): Promise<void> {
  const text = await page.locator('main').innerText();
  expect(text, 'a raw enum name on the page').not.toMatch(/\b[A-Z]{2,}(_[A-Z0-9]+)+\b|UNSPECIFIED/);
}
