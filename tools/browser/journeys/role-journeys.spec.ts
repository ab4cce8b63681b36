import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { pdfText } from '@mediation/testing';
import {
  button,
  day,
  expect,
  expectDone,
  expectLive,
  expectNoProblem,
  mediationStatus,
  recordConsents,
  test,
} from '../support/console.fixture';

/*
 * Every role's whole journey through the console alone: each step is what a user clicks and
 * types, and nothing is prepared or checked through the API.
 *
 * The story: a water main bursts under a compound, and in one evening five households come to
 * their reasoning point to claim damages from the building contractor. The volunteer registers
 * them on a phone and hands two to the community committee. One of them (A) goes up to the
 * street committee and ends in a written agreement paid in two instalments, judicially confirmed
 * and performed; the other (B) fails and is referred to the district court's desk, whose lawyer
 * takes it from there. The analyst sees the spike of damages claims at the point, both cases'
 * ends, and acknowledges the alert.
 *
 * The journeys run in order and hand each other what the console showed them (case numbers, the
 * point's code); rosters get this journey's own members, so the other journeys' rosters hold.
 */
test.describe.configure({ mode: 'serial' });

const DAMAGES = 'DISPUTE_CATEGORY_DAMAGES';
const CONTRACTOR = '大连某建筑工程有限公司';
const HOUSEHOLDS = [
  { name: '韩梅', phone: '13904110001' },
  { name: '林涛', phone: '13904110002' },
  { name: '高岩', phone: '13904110003' },
  { name: '许静', phone: '13904110004' },
  { name: '邓华', phone: '13904110005' },
];

interface Registered {
  caseId: string;
  caseNumber: string;
}
/** What one journey leaves to the next, as the console showed it. */
const story: { point: string; a?: Registered; b?: Registered } = { point: '' };
const caseA = () => story.a ?? fail('case A was not registered');
const caseB = () => story.b ?? fail('case B was not registered');
function fail(what: string): never {
  throw new Error(`${what}: an earlier journey of this file failed`);
}

/**
 * The mediation shows this status and the page offers exactly these cards with something to do
 * (a form; cards that only record what was done do not count): at every step a user sees what
 * the case allows now and nothing else.
 */
async function expectStep(page: Page, status: string, sections: string[]) {
  await expect(mediationStatus(page)).toHaveText(status);
  await expect
    .poll(
      () =>
        page
          .locator('main [data-section]:has(form)')
          .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-section')).sort()),
      { message: `the actions offered while ${status}` },
    )
    .toEqual([...sections].sort());
}

async function openCasePage(page: Page, caseNumber: string) {
  await page.click('header.top nav a[href="/cases"]');
  await page.getByRole('link', { name: caseNumber, exact: true }).click();
  await expect(page.locator('section.case-head h2')).toContainText(caseNumber);
  // The mediation follows the case's registration a moment later (its status badge).
  await expect(mediationStatus(page)).toBeVisible({ timeout: 30_000 });
}

/** A member added to a roster page's committee, through its form. */
async function addMember(page: Page, id: string, name: string, gender: string) {
  await page.fill('input[name=memberId]', id);
  await page.fill('input[name=name]', name);
  await page.selectOption('select[name=gender]', gender);
  await page.selectOption('select[name=role]', 'COMMITTEE_MEMBER_ROLE_MEMBER');
  await page.fill('input[name=specialities]', '损害赔偿');
  await page.click('button:has-text("保存成员")');
  await expectDone(page, page.locator(`tr[data-member="${id}"]`), `add ${name} to the roster`);
}

test('volunteer: registers five households’ claims on a phone, sees them live, hands two on', async ({
  as,
  shot,
}) => {
  const page = await as('volunteer');
  await page.setViewportSize({ width: 390, height: 844 });
  const registered: Registered[] = [];
  for (const [i, household] of HOUSEHOLDS.entries()) {
    await page.click('header.top nav a[href="/cases/new"]');
    const form = page.locator('form[data-form=short]');
    await expect(form).toBeVisible();
    await page.selectOption('select[name=category]', DAMAGES);
    await page.fill('input[name="parties[0].name"]', household.name);
    await page.fill('input[name="parties[0].phone"]', household.phone);
    await page.fill('input[name="parties[1].name"]', CONTRACTOR);
    await page.fill('textarea[name=description]', '供水主管爆裂，地下储藏室被淹，要求施工方赔偿。');
    if (i === 0) {
      // The short form asks no ID numbers; the point is the volunteer's own.
      await expect(form.locator('input[name$=".idNumber"]')).toHaveCount(0);
      await page.selectOption('select[name=riskLevel]', 'RISK_LEVEL_LOW');
      await page.click('details.more > summary');
      await page.fill('input[name=peopleInvolved]', '3');
      await page.fill('input[name=amountInvolved]', '12000');
      story.point = await page.locator('input[name=orgUnitCode]').inputValue();
      await shot(page, 'r10-volunteer-short-form');
    }
    await page.click('button[type=submit]');
    const head = page.locator('section.case-head h2');
    await expectDone(page, head.locator('.case-status'), `register household ${i + 1}`);
    const caseId = /\/cases\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    const caseNumber = (await head.innerText()).split(/\s/)[0];
    expect(caseNumber, 'the case number on the case page').toMatch(/调字第/);
    registered.push({ caseId, caseNumber });
  }
  expect(story.point, 'the point the form registered at').toMatch(/^\d{12}P\d{2}$/);
  [story.a, story.b] = registered;

  // The point's cases, the list following changes live.
  await page.click('header.top nav a[href="/cases"]');
  await expectLive(page);
  for (const r of registered)
    await expect(page.locator(`tr[data-case-id="${r.caseId}"]`)).toContainText('损害赔偿');
  await shot(page, 'r11-volunteer-point-cases');

  for (const r of [caseA(), caseB()]) {
    await openCasePage(page, r.caseNumber);
    // At the point: accept or reject it, record consents, or hand it to the community.
    await expectStep(page, '待受理', ['case', 'consents', 'decision', 'handover', 'mediators']);
    await expect(page.locator('section.handover h2')).toHaveText('交社区调委会');
    await expect(page.locator('input[name=transferTarget]')).toHaveCount(0);
    await page.selectOption('select[name=escalationReason]', 'ESCALATION_REASON_BEYOND_AUTHORITY');
    await page.fill('input[name=escalationNote]', '涉及施工单位，需调委会组织调解');
    if (r === caseA()) await shot(page, 'r12-volunteer-hand-over');
    await page.click('button[data-action=hand-to-community]');
    await expectDone(
      page,
      page.locator('.timeline li', { hasText: '超出本级调解能力' }),
      'hand over to the community',
    );
    // The community holds it now: nothing left to do at the point.
    await expectStep(page, '待受理', []);
    await expect(page.locator('section.case-progress .holder')).toContainText('人民调解委员会');
  }
  await page.click('header.top nav a[href="/cases"]');
  const handedOver = page.locator(`tr[data-case-id="${caseA().caseId}"]`);
  await expect(handedOver.locator('.holder')).toContainText('人民调解委员会');
  // The community's own acceptance decision is what is due next.
  await expect(handedOver.locator('td[data-label="下一期限"]')).toContainText('受理决定');
  await shot(page, 'r13-volunteer-handed-over');
});

test('community committee: accepts, assigns from the roster, consents, a session, escalates', async ({
  as,
  shot,
}) => {
  // The mediator's roster page names the committee; the administrator keeps it.
  const mediator = await as('mediator');
  await mediator.click('header.top nav a[href="/roster"]');
  const committee = (await mediator.locator('.roster h2 code').innerText()).trim();
  expect(committee, 'the community committee’s code on its roster page').not.toBe('');
  await expect(mediator.locator('input[name=memberId]')).toHaveCount(0);

  const admin = await as('administrator');
  await admin.click('header.top nav a[href="/roster"]');
  await admin.fill('input[name=committeeCode]', committee);
  await admin.getByRole('button', { name: '查看', exact: true }).click();
  await expect(admin.locator('.roster h2 code')).toHaveText(committee);
  await addMember(admin, 'cm-7', '周敏', 'GENDER_FEMALE');
  await addMember(admin, 'cm-8', '郑伟', 'GENDER_MALE');
  await shot(admin, 'r20-administrator-community-roster');
  await admin.close();

  const page = mediator;
  for (const r of [caseA(), caseB()]) {
    await openCasePage(page, r.caseNumber);
    await expectStep(page, '待受理', ['case', 'consents', 'decision', 'handover', 'mediators']);
    await button(page, '受理').click();
    await expectDone(page, mediationStatus(page).getByText('调解中'), 'accept');
    await expectStep(page, '调解中', [
      'agreement',
      'case',
      'consents',
      'failure',
      'handover',
      'mediators',
      'participants',
      'sessions',
    ]);
    await page.selectOption('form.assign-form select[name=lead]', 'cm-7');
    await page.check('input[name=assistants][value="cm-8"]');
    await page.click('button[data-action=assign]');
    await expectDone(
      page,
      page.locator('li[data-mediator="cm-7"][data-role=MEDIATOR_ROLE_LEAD]'),
      'assign from the roster',
    );
    await recordConsents(page);
  }

  // Case A: the water company's engineer joins with both parties' consent (art. 20), a session,
  // then up to the street, which has the specialists.
  await openCasePage(page, caseA().caseNumber);
  await page.fill('input[name=participantName]', '王工程师');
  await page.selectOption('select[name=participantRelation]', 'PARTICIPANT_RELATION_EXPERT');
  await page.fill('input[name=participantNote]', '供水管网维修工程师');
  await page.click('button[data-action=invite]');
  await expectDone(
    page,
    page.locator('ul.participants-invited li[data-relation=PARTICIPANT_RELATION_EXPERT]'),
    'invite a participant',
  );
  await expect(page.locator('ul.participants-invited li')).toContainText('专业人士');
  await page.fill('input[name=scheduledPlace]', '社区人民调解室');
  await page.click('button[data-action=schedule]');
  await expectDone(page, page.locator('tr[data-held=false]'), 'schedule a session');
  await page.fill('input[name=durationMinutes]', '60');
  await page.selectOption('select[name=sessionOutcome]', 'SESSION_OUTCOME_DEADLOCK');
  await page.fill('textarea[name=sessionSummary]', '施工方对损失金额有异议，需评估。');
  await page.click('button[data-action=record-session]');
  await expectDone(page, page.locator('tr[data-held=true]'), 'record the session');
  await shot(page, 'r21-community-session');
  await page.selectOption(
    'select[name=escalationReason]',
    'ESCALATION_REASON_SPECIALIST_EXPERTISE',
  );
  await button(page, '上报上级').click();
  await expectDone(
    page,
    page.locator('.timeline li', { hasText: '需要专业调解' }),
    'escalate to the street',
  );
  await expectStep(page, '待受理', []);
  await expect(page.locator('section.case-progress .case-path li')).toHaveCount(3);
  await shot(page, 'r22-community-escalated');
});

test('street committee: an agreement in two instalments, confirmed by the court, performed, closed', async ({
  as,
  shot,
}) => {
  const page = await as('committee-admin');
  await page.click('header.top nav a[href="/roster"]');
  await addMember(page, 'sm-7', '冯洁', 'GENDER_FEMALE');

  await openCasePage(page, caseA().caseNumber);
  await expectStep(page, '待受理', ['case', 'consents', 'decision', 'handover', 'mediators']);
  await button(page, '受理').click();
  await expectDone(page, mediationStatus(page).getByText('调解中'), 'accept');
  await page.selectOption('form.assign-form select[name=lead]', 'sm-7');
  await page.click('button[data-action=assign]');
  await expectDone(
    page,
    page.locator('li[data-mediator="sm-7"][data-role=MEDIATOR_ROLE_LEAD]'),
    'assign the lead',
  );

  // A written agreement: the contractor pays 8,000 元 in two instalments.
  await expect(page.locator('select[name=agreementForm]')).toHaveValue('AGREEMENT_FORM_WRITTEN');
  await page.fill('textarea[name=facts]', '施工方管道施工不当致供水主管爆裂，储藏室被淹。');
  await page.fill('textarea[name=issues]', '损失数额及赔偿方式。');
  await page.fill('textarea[name=responsibilities]', '施工方承担全部赔偿责任。');
  await page.click('button[data-action=add-obligation]');
  const o = (field: string) => `[name="obligations[0].${field}"]`;
  await page.selectOption(o('kind'), 'OBLIGATION_KIND_PAYMENT');
  await page.fill(o('description'), '施工方赔偿储藏室财物损失');
  await page.selectOption(o('manner'), 'PERFORMANCE_MANNER_INSTALMENTS');
  await page.fill(o('instalments[0].amount'), '5000');
  await page.fill(o('instalments[0].due'), day(15));
  await page.click('button[data-add-instalment="0"]');
  await page.fill(o('instalments[1].amount'), '3000');
  await page.fill(o('instalments[1].due'), day(45));
  await page.fill('textarea[name=terms]', '施工方分两期赔偿，付清后双方再无争议。');
  await shot(page, 'r30-street-agreement-form');
  await button(page, '达成协议').click();
  await expectDone(page, mediationStatus(page).getByText('已达成协议'), 'the agreement');
  await expectStep(page, '已达成协议', ['aftercare', 'closing', 'confirmation']);
  const aftercare = page.locator('section[data-section=aftercare]');
  await expect(aftercare.locator('[data-total]')).toHaveText('8,000.00 元');
  // In English the agreement also comes as a reference copy with English labels.
  await page.click('button[data-lang-switch]');
  const [english] = await Promise.all([
    page.waitForEvent('download'),
    aftercare.locator('button[data-pdf=en]').click(),
  ]);
  const copy = (await pdfText((await english.path())!)).replace(/\s+/g, ' ');
  expect(copy).toContain('People’s Mediation Agreement');
  expect(copy).toContain('Instalment 2: 3000.00 yuan');
  await page.click('button[data-lang-switch]');
  await expect(aftercare.locator('button[data-pdf=en]')).toHaveCount(0);

  // Judicial confirmation: requested at the competent court, then its decisions.
  await expect(page.locator('input[name=courtCode]')).toHaveValue(/^CRT-/);
  await page.click('button[data-action=request-confirmation]');
  await expectDone(
    page,
    page.locator('section[data-status=JUDICIAL_CONFIRMATION_STATUS_REQUESTED]'),
    'request confirmation',
  );
  for (const [result, status] of [
    ['ACCEPTED', 'ACCEPTED'],
    ['CONFIRMED', 'CONFIRMED'],
  ]) {
    await page.selectOption('select[name=courtResult]', `JUDICIAL_CONFIRMATION_RESULT_${result}`);
    if (result === 'ACCEPTED')
      await page.fill('input[name=confirmationNumber]', '（2026）辽0202民特301号');
    await page.click('button[data-action=record-confirmation]');
    await expectDone(
      page,
      page.locator(`section[data-status=JUDICIAL_CONFIRMATION_STATUS_${status}]`),
      `the court’s decision: ${result}`,
    );
  }
  await shot(page, 'r31-street-confirmed');

  // Both instalments paid, a follow-up visit and the parties' satisfaction.
  for (const n of [1, 2]) {
    await page.selectOption('select[name=performanceTarget]', { index: n });
    await page.selectOption('select[name=performanceStatus]', 'PERFORMANCE_STATUS_PERFORMED');
    await page.fill('input[name=amountPaid]', n === 1 ? '5000' : '3000');
    await page.click('button[data-action=performance]');
    await expectDone(
      page,
      aftercare.locator(`li[data-instalment="${n}"][data-status=PERFORMANCE_STATUS_PERFORMED]`),
      `instalment ${n} paid`,
    );
  }
  await expect(aftercare.locator('tr[data-status=PERFORMANCE_STATUS_PERFORMED]')).toHaveCount(1);
  await page.selectOption('select[name=followUpMethod]', 'CONTACT_METHOD_PHONE');
  await page.selectOption('select[name=followUpResult]', 'FOLLOW_UP_RESULT_PERFORMED');
  await page.click('button[data-action=follow-up]');
  await expectDone(page, page.locator('.timeline li:has-text("回访：已履行完毕")'), 'follow-up');
  await page.selectOption('select[name=score]', '5');
  await page.click('button[data-action=satisfaction]');
  await expectDone(page, page.locator('ul.satisfaction li[data-score="5"]'), 'satisfaction');
  await shot(page, 'r32-street-performed');

  await page.selectOption('select[name=closureOutcome]', 'CLOSURE_OUTCOME_AGREEMENT_PERFORMED');
  await page.click('button[data-action=close]');
  await expectDone(page, mediationStatus(page).getByText('已结案'), 'close');
  // Closed: only reopening (and satisfaction) are left, beside the record of what was done.
  await expectStep(page, '已结案', ['closing']);
  await expect(page.locator('form.performance-form, form.agreement-form')).toHaveCount(0);
  await expect(page.locator('button[data-action=reopen]')).toBeVisible();
  await expect(page.locator('section.case-head .case-status')).toHaveText('已结案');
  await shot(page, 'r33-street-closed');
});

test('stationed lawyer: case B fails and comes to the court’s desk; claimed, called, worked, ended', async ({
  as,
  shot,
}) => {
  const mediator = await as('mediator');
  await openCasePage(mediator, caseB().caseNumber);
  await mediator.selectOption('select[name=failureReason]', 'FAILURE_REASON_NO_CONSENSUS');
  await mediator.check('input[name=referOut]');
  await mediator.selectOption('select[name=referInstitution]', 'INSTITUTION_TYPE_COURT');
  await mediator.fill('input[name=referralSummary]', '施工方拒绝赔偿，申请人拟起诉');
  await mediator.click('button[data-action=fail]');
  await expectDone(mediator, mediationStatus(mediator).getByText('调解不成'), 'fail');
  await expectStep(mediator, '调解不成', ['closing']);
  await shot(mediator, 'r40-community-failed-referred');

  const page = await as('lawyer');
  await page.click('header.top nav a[href="/inbox"]');
  const row = page.locator('tbody tr', { hasText: caseB().caseNumber });
  await expect(row, 'the referral did not reach the court’s desk').toHaveCount(1, {
    timeout: 30_000,
  });
  await expect(row).toContainText('损害赔偿');
  await expect(row.locator('td.summary')).toContainText('双方未能达成一致');
  await row.getByRole('button', { name: '认领' }).click();
  await expectDone(page, page.locator('section.card > p'), 'claim');
  await page.click('button[role=tab]:has-text("我的")');
  await row.getByRole('link', { name: '打开' }).click();
  await expect(page.locator('section.referral .badge')).toHaveText('已认领');
  // What the community tried, in the reader's words (the referral service writes both languages),
  // and what the mediator wrote for the desk on the fail form.
  await expect(page.locator('dl.facts')).toContainText('已告知当事人其他途径：诉讼');
  await expect(page.locator('dl.facts .summary')).toContainText('施工方拒绝赔偿，申请人拟起诉');
  // The court and its desk by name, not by code.
  await expect(page.locator('dl.facts')).toContainText('人民法院');
  await expect(page.locator('dl.facts')).not.toContainText('CRT-');

  // Claimed: the parties' phones to call, and where the case has been.
  const contacts = page.locator('section.referral-case');
  await expect(contacts.locator(`a[href="tel:${HOUSEHOLDS[1].phone}"]`)).toBeVisible();
  await expect(contacts).toContainText(CONTRACTOR);
  await expect(contacts.locator('.case-path li')).toHaveCount(2);
  await shot(page, 'r41-lawyer-claimed-contacts');
  await page.selectOption('select[name=workKind]', 'WORK_KIND_CONSULTATION');
  await page.fill('input[name=workMinutes]', '30');
  await page.fill('input[name=workSummary]', '电话联系申请人，释明起诉条件与证据');
  await page.click('button[data-action=work]');
  await expectDone(page, page.locator('ul.work li[data-work=WORK_KIND_CONSULTATION]'), 'work');
  await page.selectOption(
    'select[name=referralOutcome]',
    'REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED',
  );
  await page.fill('input[name=externalReference]', '（2026）辽0202民初4521号');
  await page.click('button[data-action=outcome]');
  await expectDone(
    page,
    page.locator('section.referral[data-status=REFERRAL_STATUS_OUTCOME_RECORDED]'),
    'the outcome',
  );
  await expect(page.locator('form.outcome-form, form.work-form')).toHaveCount(0);
  await shot(page, 'r42-lawyer-outcome');

  // The committee sees the court's outcome on its case page; the mediation closed with it.
  await mediator.reload();
  await expect(mediationStatus(mediator)).toHaveText('已结案', { timeout: 30_000 });
  await expect(
    mediator.locator('.timeline li', { hasText: '引导诉讼并已立案（（2026）辽0202民初4521号）' }),
  ).toBeVisible();
  await expect(mediator.locator('section.case-progress .referral-state')).toHaveAttribute(
    'data-stage',
    'REFERRAL_STAGE_OUTCOME_RECORDED',
  );
  await expectNoProblem(mediator, 'the case after the referral’s outcome');
  await shot(mediator, 'r43-community-sees-outcome');
});

test('analyst: both cases on the dashboard, city to point, CSV, the spike’s alert acknowledged', async ({
  as,
  shot,
}) => {
  const page = await as('analyst');
  await page.click('header.top nav a[href="/dashboard"]');
  await expectLive(page);
  const alert = page.locator('ul.alerts li', { hasText: '损害赔偿' });
  await expect
    .poll(
      async () => {
        if ((await alert.count()) === 0) await page.reload();
        return alert.count();
      },
      { message: 'no alert for the five damages claims', timeout: 60_000, intervals: [2_000] },
    )
    .toBe(1);
  await expect(alert).toContainText('实际 5');

  // City -> district -> street -> community -> point, by the point's code.
  for (const [i, len] of [6, 9, 12, 15].entries()) {
    await page.locator(`table.drilldown button[data-code="${story.point.slice(0, len)}"]`).click();
    await expect(page.locator('.breadcrumb button')).toHaveCount(i + 2);
  }
  const damages = page.locator('.bar-row', { hasText: '损害赔偿' });
  await expect(damages.locator('.bar-value')).toHaveText('5');
  // Both cases' ends at the point: A's agreement, B's failure and referral out.
  await expect
    .poll(async () =>
      Number(await page.locator('[data-kpi=agreementsWritten] .kpi-value').innerText()),
    )
    .toBeGreaterThanOrEqual(1);
  await expect
    .poll(async () => Number(await page.locator('[data-kpi=failed] .kpi-value').innerText()))
    .toBeGreaterThanOrEqual(1);
  await shot(page, 'r50-analyst-point');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button[data-csv="categories"]'),
  ]);
  expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/损害赔偿,5/);
  // And back up to the city by the breadcrumb.
  await page.locator('.breadcrumb button').first().click();
  await expect(page.locator('.breadcrumb button')).toHaveCount(1);

  await alert.getByRole('button', { name: '确认并处置' }).click();
  await alert.getByLabel('处置说明').fill('已联系施工方与社区，督促统一赔付方案');
  await alert.locator('form').getByRole('button', { name: '确认并处置' }).click();
  await expect(alert).toHaveAttribute('data-status', 'ALERT_STATUS_ACKNOWLEDGED');
  await expect(alert.getByRole('button')).toHaveCount(0);
  await expectNoProblem(page, 'the dashboard');
  await shot(page, 'r51-analyst-alert-acknowledged');
});
