import type { Page } from '@playwright/test';
import { expect, expectDone, recordConsents, test } from '../support/console.fixture';
import { COMMUNITY_DIRECTOR, COMMUNITY_MEMBER } from '../support/gateway-api';

test('mediator: reads the own committee roster, without edit controls', async ({
  api,
  as,
  shot,
}) => {
  const committee = (await api.claims('mediator')).committee_code!;
  // Kept by an administrator through the API (the console is not the point here).
  for (const member of [COMMUNITY_DIRECTOR, COMMUNITY_MEMBER])
    await api.ensureRosterMember(committee, member);
  const page = await as('mediator');
  await page.click('header.top nav a[href="/roster"]');
  await expectDone(page, page.locator('tr[data-member="cm-2"]'), 'read the roster');
  await expect(page.locator('tr[data-member="cm-1"]')).toBeVisible();
  await expect(page.locator('.compliance')).toBeVisible();
  await shot(page, '65-roster-mediator-read-only');
  await expect(
    page.locator('button:has-text("保存成员"), button[data-deactivate]'),
    'a mediator sees edit controls',
  ).toHaveCount(0);
});

/**
 * The street committee's admin keeps the roster in the console, then takes a case at the street
 * from assignment (from that roster) to a confirmed agreement. One test: each step builds on the
 * last (the roster's members, then the case).
 */
test('committee admin: the roster, then a street case from assignment to judicial confirmation', async ({
  api,
  as,
  shot,
}) => {
  const committee = (await api.claims('committee-admin')).committee_code!;

  await test.step('keeps the committee roster in the console (art. 8 warnings, a stale edit, deactivation)', async () => {
    const page = await as('committee-admin');
    await page.click('header.top nav a[href="/roster"]');
    await expectDone(page, page.locator('.compliance'), 'read the roster');
    await shot(page, '60-roster-empty');
    const fillMember = async (
      id: string,
      name: string,
      gender: string,
      role: string,
      specialities: string,
    ) => {
      await page.fill('input[name=memberId]', id);
      await page.fill('input[name=name]', name);
      await page.selectOption('select[name=gender]', gender);
      await page.selectOption('select[name=role]', role);
      await page.fill('input[name=specialities]', specialities);
    };
    const save = async (id: string) => {
      await page.click('button:has-text("保存成员")');
      await expectDone(page, page.locator(`tr[data-member="${id}"]`), `save member ${id}`);
    };
    const D = 'COMMITTEE_MEMBER_ROLE_DIRECTOR';
    const M = 'COMMITTEE_MEMBER_ROLE_MEMBER';
    await fillMember('sm-1', '赵秀兰', 'GENDER_FEMALE', D, '婚姻家庭，邻里');
    await save('sm-1');
    await expect(
      page.locator('.compliance li.warning').first(),
      'no art. 8 warning for a one-member roster',
    ).toBeVisible();
    await shot(page, '61-roster-one-member');
    await fillMember('sm-2', '钱建国', 'GENDER_MALE', M, '合同');
    await save('sm-2');
    await fillMember('sm-3', '孙丽', 'GENDER_FEMALE', M, '物业');
    await save('sm-3');
    await expect(page.locator('.compliance[data-issues="0"]')).toBeVisible();
    await expect(page.locator('.compliance li.warning')).toHaveCount(0);

    // Someone else adds a member meanwhile (API): the page's next edit is stale -> 409.
    const { roster } = await api.as<{ roster: { version: string } }>(
      'committee-admin',
      'GET',
      `/committees/${committee}/roster`,
    );
    await api.as('committee-admin', 'PUT', `/committees/${committee}/roster/members/sm-4`, {
      expectedVersion: roster.version,
      name: '周海',
      gender: 'GENDER_MALE',
      role: 'COMMITTEE_MEMBER_ROLE_DEPUTY_DIRECTOR',
      specialities: ['劳动争议'],
    });
    await fillMember('sm-5', '吴强', 'GENDER_MALE', M, '');
    await page.click('button:has-text("保存成员")');
    await expect(page.locator('.problem[data-status="409"]')).toBeVisible();
    await expect(page.locator('[data-conflict=reloaded]')).toBeVisible();
    await expect(page.locator('tr[data-member="sm-4"]')).toBeVisible();
    await shot(page, '62-roster-conflict-reloaded');
    // Reloaded: the same edit again goes through.
    await save('sm-5');
    await page.click('button[data-deactivate="sm-5"]');
    await page.fill('input[name=deactivationReason]', '调离本街道');
    await page.click('button:has-text("确认停用")');
    await expectDone(page, page.locator('tr.inactive[data-member="sm-5"]'), 'deactivate');
    await shot(page, '63-roster-kept');
    await expect(page.locator('table.roster-members tbody tr')).toHaveCount(5);
    await page.click('button[data-lang-switch]');
    await expect(page.getByText('Art. 8 checks')).toBeVisible();
    await shot(page, '64-roster-en');
    await page.close();
  });

  const caseId = await api.openCase(
    'committee-admin',
    (await api.user('committee-admin')).orgUnitCode,
  );
  await api.mediationOf('committee-admin', caseId);
  const open = async () => {
    const page = await as('committee-admin');
    await page.goto(`/cases/${caseId}`);
    await expect(page.locator('.timeline li').first()).toBeVisible();
    return page;
  };

  await test.step('assigns mediators from the roster (a party’s choice), records a recusal', async () => {
    const page = await open();
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expectDone(page, page.locator('form.assign-form select[name=lead]'), 'accept');
    await page.selectOption('select[name=lead]', 'sm-2');
    await page.check('input[name=assistants][value="sm-3"]');
    await page.selectOption('select[name=chosenMediator]', 'sm-2');
    await page.selectOption('select[name=chosenBy]', { index: 1 });
    await shot(page, '70-case-assign-form');
    await page.click('button[data-action=assign]');
    await expectDone(
      page,
      page.locator('li[data-mediator="sm-2"][data-role=MEDIATOR_ROLE_LEAD]'),
      'assign',
    );
    await expect(page.locator('ul.assigned li')).toHaveCount(2);
    await shot(page, '71-case-assigned');
    // The respondent asks the assistant to step aside.
    await page.selectOption('select[name=recusalParty]', { index: 1 });
    await page.selectOption('select[name=recusalMediator]', 'sm-3');
    await page.fill('input[name=recusalReason]', '与申请人系同事');
    await page.click('button[data-action=recusal]');
    await expectDone(page, page.locator('[data-recused*="sm-3"]'), 'recusal');
    await expect(page.locator('ul.assigned li'), 'mediators after the recusal').toHaveCount(1);
    await expect(page.locator('li[data-mediator="sm-2"]')).toBeVisible();
    await shot(page, '72-case-recusal');
    await page.close();
  });

  await test.step('schedules a session (the API’s field errors shown), records it with a no-show', async () => {
    const page = await open();
    await expect(page.locator('form.schedule-form')).toBeVisible();
    // No place: the gateway's validation problem appears next to the form.
    await page.fill('input[name=scheduledPlace]', '');
    await page.click('button[data-action=schedule]');
    await expect(page.locator('form.schedule-form .problem[data-status="400"] li')).not.toHaveCount(
      0,
    );
    await shot(page, '73-session-validation');
    await page.fill('input[name=scheduledPlace]', '街道人民调解室');
    await page.selectOption('select[name=scheduledVisibility]', 'SESSION_VISIBILITY_PRIVATE');
    await page.click('button[data-action=schedule]');
    await expectDone(page, page.locator('tr[data-held=false]'), 'schedule');
    await shot(page, '74-session-scheduled');
    // Held: the applicant came, the respondent did not.
    await page.locator('select[name^="attendance."]').nth(1).selectOption('noShow');
    await page.fill('input[name=durationMinutes]', '45');
    await page.selectOption('select[name=sessionOutcome]', 'SESSION_OUTCOME_CONTINUE');
    await page.fill('textarea[name=sessionSummary]', '被申请人未到场，电话联系后约定再次调解。');
    await page.click('button[data-action=record-session]');
    await expectDone(page, page.locator('tr[data-held=true]'), 'record the session');
    // A second, unscheduled session on the spot, both present.
    await page.selectOption('select[name=sessionId]', '');
    await page.fill('input[name=heldPlace]', '社区服务中心');
    await page.selectOption('select[name=sessionOutcome]', 'SESSION_OUTCOME_AGREEMENT_LIKELY');
    await page.fill('textarea[name=sessionSummary]', '双方当面协商，基本达成一致。');
    await page.click('button[data-action=record-session]');
    await expectDone(
      page,
      page.locator('tr[data-held=true]').nth(1),
      'record a session on the spot',
    );
    await expect(page.locator('tr[data-held=true]')).toHaveCount(2);
    await expect(page.locator('tr[data-held=true]').first(), 'the no-show').toContainText('未到场');
    await shot(page, '75-session-recorded');
    await page.close();
  });

  await test.step('agreement, then requests judicial confirmation and records the court’s decisions', async () => {
    const court = (await api.claims('lawyer')).institution_code!;
    const page = await open();
    await recordConsents(page);
    await page.fill('textarea[name=facts]', '双方因货款结算发生争议。');
    await page.fill('textarea[name=issues]', '货款数额及支付期限。');
    await page.fill('textarea[name=terms]', '钱七于三十日内向赵六支付货款八千元。');
    await page.getByRole('button', { name: '达成协议', exact: true }).click();
    await expectDone(page, page.locator('form.jc-request-form'), 'agreement');
    await expect(page.locator('input[name=courtCode]')).toHaveValue(/^CRT-/);
    await page.fill('input[name=courtCode]', court);
    await shot(page, '76-confirmation-form');
    await page.click('button[data-action=request-confirmation]');
    await expectDecision(page, 'REQUESTED', 'request');
    await shot(page, '77-confirmation-requested');
    await page.selectOption('select[name=courtResult]', 'JUDICIAL_CONFIRMATION_RESULT_ACCEPTED');
    await page.fill('input[name=confirmationNumber]', '（2026）辽0202民特88号');
    await page.click('button[data-action=record-confirmation]');
    await expectDecision(page, 'ACCEPTED', 'court accepted');
    await shot(page, '78-confirmation-accepted');
    await page.selectOption('select[name=courtResult]', 'JUDICIAL_CONFIRMATION_RESULT_CONFIRMED');
    await page.click('button[data-action=record-confirmation]');
    await expectDecision(page, 'CONFIRMED', 'court confirmed');
    await shot(page, '79-confirmation-confirmed');
    await expect(page.locator('section[data-section=confirmation] code')).toContainText('民特88号');
    await page.click('button[data-lang-switch]');
    await expect(page.getByText('Judicial confirmation').first()).toBeVisible();
    await shot(page, '79-confirmation-confirmed-en');
    await page.close();
  });
});

function expectDecision(page: Page, status: string, what: string) {
  return expectDone(
    page,
    page.locator(`section[data-status="JUDICIAL_CONFIRMATION_STATUS_${status}"]`),
    what,
  );
}
