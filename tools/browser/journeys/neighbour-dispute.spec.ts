import {
  button,
  day,
  expect,
  expectDone,
  expectNoProblem,
  mediationStatus,
  recordConsents,
  test,
} from '../support/console.fixture';
import { COMMUNITY_DIRECTOR } from '../support/gateway-api';
import { pdfText } from '@mediation/testing';

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
  // The volunteer's short form: no ID numbers, the rest folded under "more".
  await expect(page.locator('form[data-form=short] input[name$=".idNumber"]')).toHaveCount(0);
  await page.click('details.more > summary');
  await page.fill('input[name="parties[0].phone"]', '12345');
  await page.click('button[type=submit]');
  await expect(page.locator('[data-field="parties[0].phone"]')).toBeVisible();
  // Amounts are typed in 元, with at most two decimals.
  await page.fill('input[name=amountInvolved]', '12.345');
  await page.click('button[type=submit]');
  await expect(page.locator('[data-field=amountInvolved]')).toBeVisible();
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
    await page.click('details.more > summary');
    await page.fill('input[name=peopleInvolved]', '3');
    await page.fill('input[name=amountInvolved]', '1500');
    await page.selectOption('select[name=riskLevel]', 'RISK_LEVEL_LOW');
    await page.check('input[name=riskFactors][value=RISK_FACTOR_VIOLENCE]');
    await shot(page, '12-open-case-filled');
    await page.click('button[type=submit]');
    // The form's problems, or the case card's: the mediation is created from the case event a
    // moment later (the mediator's step waits for it).
    const registered = page.locator('form.card, section.card').first();
    await expectDone(page, registered.locator('h2 .badge'), 'open the case', registered);
    await expect(page.locator('[data-amount-involved]')).toContainText('1,500.00 元');
    await expect(page.locator('[data-risk=RISK_LEVEL_LOW]')).toContainText('低');
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
    // The reason is chosen from every EscalationReason; the timeline says it.
    await expect(page.locator('select[name=escalationReason] option')).toHaveCount(6);
    await page.selectOption('select[name=escalationReason]', 'ESCALATION_REASON_RISK');
    await button(page, '交社区调委会').click();
    await expectDone(page, mediationStatus(page).getByText('待受理'), 'escalate');
    await expect(page.locator('.timeline li', { hasText: '因存在激化风险' })).toBeVisible();
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
    await expect(page.locator('ul.consents-recorded li[data-given=true]')).toHaveCount(2);
    await page.fill('textarea[name=facts]', '楼上管道老化漏水。');
    await page.fill('textarea[name=issues]', '维修费用承担。');
    await page.fill('textarea[name=responsibilities]', '李四作为管道所有人承担维修责任。');
    // A payment in two instalments (元 typed, fen sent): the due dates start performance timers.
    await page.click('button[data-action=add-obligation]');
    const o = (field: string) => `[name="obligations[0].${field}"]`;
    await page.selectOption(o('kind'), 'OBLIGATION_KIND_PAYMENT');
    await page.fill(o('description'), '李四赔偿张三漏水损失');
    await page.selectOption(o('manner'), 'PERFORMANCE_MANNER_INSTALMENTS');
    await page.fill(o('instalments[0].amount'), '300');
    await page.fill(o('instalments[0].due'), day(10));
    await page.click('button[data-add-instalment="0"]');
    await page.fill(o('instalments[1].amount'), '200.50');
    await page.fill(o('instalments[1].due'), day(40));
    await page.fill('textarea[name=terms]', '李四于十日内负责维修管道。');
    // The parties' particulars, printed on the agreement document.
    const particulars = page.locator('fieldset.particulars .row');
    await expect(particulars).toHaveCount(2);
    for (const [i, [id, address]] of [
      ['210202198001011238', '大连市中山区人民路1号301室'],
      ['210202198506152343', '大连市中山区人民路1号401室'],
    ].entries()) {
      await particulars.nth(i).locator('input[name$=".idNumber"]').fill(id);
      await particulars.nth(i).locator('input[name$=".address"]').fill(address);
    }
    await shot(page, '23-mediator-agreement-form');
    await button(page, '达成协议').click();
    await expectDone(page, mediationStatus(page).getByText('已达成协议'), 'record the agreement');
    const aftercare = page.locator('section[data-section=aftercare]');
    await expect(aftercare.locator('[data-total]')).toHaveText('500.50 元');
    await expect(aftercare.locator('li[data-instalment="1"]')).toContainText('300.00 元');
    await expect(
      aftercare.locator('li[data-deadline=DEADLINE_KIND_PERFORMANCE_DUE]'),
      'a performance deadline per instalment',
    ).toHaveCount(2);
    await expect(page.locator('main')).not.toContainText('amountFen');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      aftercare.getByRole('button', { name: '下载协议书' }).click(),
    ]);
    const text = await pdfText((await pdf.path())!);
    expect(text, 'the agreement names the parties').toContain('210202198001011238');
    expect(text).toContain('人民路1号401室');
    await shot(page, '23-mediator-agreement');
    await page.close();
  });

  await test.step('mediator: the parties were texted, and one asks for no reminders', async () => {
    const page = await as('mediator');
    await page.goto(`/cases/${caseId}`);
    const texts = page.locator('section.case-texts');
    // 张三 gave a mobile: texted on each acceptance and for the agreement, through the SMS
    // provider's stand-in; 李四 gave no number: logged, not sent.
    const sent = texts.locator(
      'tr[data-delivery=agreement-reached][data-status=DELIVERY_STATUS_SENT]',
    );
    await expect
      .poll(
        async () => {
          await page.reload();
          // The card loads after the page: wait for its log (or its empty line) first.
          await texts.locator('table.texts, p[data-no-texts]').first().waitFor();
          return sent.count();
        },
        { message: 'the agreement texted to the applicant', timeout: 30_000 },
      )
      .toBe(1);
    await expect(sent).toContainText('张三');
    await expect(sent).toContainText('138****1234');
    await expect(
      texts.locator('tr[data-delivery=case-accepted][data-status=DELIVERY_STATUS_SENT]'),
    ).toHaveCount(2);
    await expect(
      texts.locator('tr[data-delivery=agreement-reached][data-status=DELIVERY_STATUS_SKIPPED]'),
    ).toContainText('未发送（无手机号）');
    // The instalment reminders are the applicant's to refuse.
    const wish = texts.locator('input[type=checkbox]').first();
    await wish.check();
    await expect(wish).toBeChecked();
    await page.reload();
    await expect(page.locator('section.case-texts input[type=checkbox]').first()).toBeChecked();
    await expectNoProblem(page, 'the texts card');
    await shot(page, '24-mediator-case-texts');
    await page.close();
  });

  await test.step('mediator: performance, a follow-up, satisfaction, closing and reopening', async () => {
    const page = await as('mediator');
    await page.goto(`/cases/${caseId}`);
    const aftercare = page.locator('section[data-section=aftercare]');
    // The first instalment paid.
    await page.selectOption('select[name=performanceTarget]', { index: 1 });
    await page.selectOption('select[name=performanceStatus]', 'PERFORMANCE_STATUS_PERFORMED');
    await page.fill('input[name=amountPaid]', '300');
    await page.click('button[data-action=performance]');
    await expectDone(
      page,
      aftercare.locator('li[data-instalment="1"][data-status=PERFORMANCE_STATUS_PERFORMED]'),
      'performance of the first instalment',
    );
    await expect(aftercare.locator('li[data-instalment="1"]')).toContainText('已履行');
    await page.selectOption('select[name=followUpMethod]', 'CONTACT_METHOD_VISIT');
    await page.selectOption('select[name=followUpResult]', 'FOLLOW_UP_RESULT_PERFORMING');
    await page.click('button[data-action=follow-up]');
    await expectDone(page, page.locator('.timeline li:has-text("回访：正在履行")'), 'follow-up');
    // Then the whole obligation performed: the agreement can close as performed.
    await page.selectOption('select[name=performanceTarget]', { index: 0 });
    await page.click('button[data-action=performance]');
    await expectDone(
      page,
      aftercare.locator('tr[data-status=PERFORMANCE_STATUS_PERFORMED]'),
      'performance of the obligation',
    );
    await page.selectOption('select[name=score]', '4');
    await page.fill('input[name=satisfactionComment]', '处理及时');
    await page.click('button[data-action=satisfaction]');
    await expectDone(page, page.locator('ul.satisfaction li[data-score="4"]'), 'satisfaction');
    await shot(page, '25-mediator-performance');
    await expect(page.locator('select[name=closureOutcome] option')).toHaveCount(2);
    await page.selectOption('select[name=closureOutcome]', 'CLOSURE_OUTCOME_AGREEMENT_PERFORMED');
    await page.click('button[data-action=close]');
    await expectDone(page, mediationStatus(page).getByText('已结案'), 'close');
    await expect(page.locator('[data-closure=CLOSURE_OUTCOME_AGREEMENT_PERFORMED]')).toBeVisible();
    // Closed: no more performance, consent or agreement forms.
    await expect(page.locator('form.performance-form, form.agreement-form')).toHaveCount(0);
    await page.selectOption('select[name=reopenReason]', 'REOPEN_REASON_DISPUTE_RECURRED');
    await page.click('button[data-action=reopen]');
    await expectDone(page, mediationStatus(page).getByText('调解中'), 'reopen');
    await expect(page.locator('.timeline li', { hasText: '因纠纷再起重新调解' })).toBeVisible();
    await shot(page, '26-mediator-reopened');
    await page.close();
  });

  await test.step('mediator: the case timeline shows every step', async () => {
    const page = await as('mediator');
    await page.goto(`/cases/${caseId}`);
    // Opened, accepted, escalated, accepted, lead assigned, two consents, agreement.
    await expect
      .poll(() => page.locator('.timeline li').count(), { message: 'timeline entries' })
      .toBeGreaterThanOrEqual(8);
    // The path it took: the reasoning point, then the community committee it was escalated to.
    await expect(page.locator('section.case-progress .case-path li')).toHaveCount(2);
    await expect(page.locator('section.case-progress .case-path li').last()).toContainText(
      '人民调解委员会',
    );
    await shot(page, '24-mediator-timeline');
    await page.close();
  });
});
