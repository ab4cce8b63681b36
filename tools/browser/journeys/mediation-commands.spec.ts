import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectDone, test } from '../support/console.fixture';
import type { GatewayApi } from '../support/gateway-api';

/**
 * The committee's other commands on the case page, each through its form with the law's real
 * choices, each case ending where its command leaves it; the page offers only what the status
 * allows. The cases are opened through the API (the open-case form has its own journey).
 */

const mediationStatus = (page: Page) => page.locator('h2 .badge').last();
/** The case timeline's step saying `text` (the case timeline also has intake's and deadlines' steps). */
const entry = (page: Page, text: string) => page.locator('.timeline li', { hasText: text });

/** A new case at the mediator's community, its mediation created. */
async function caseAtCommunity(api: GatewayApi): Promise<string> {
  const caseId = await api.openCase('mediator', (await api.user('mediator')).orgUnitCode);
  await api.mediationOf('mediator', caseId);
  return caseId;
}

test('mediator: amends a case before acceptance, rejects it with the reason and remedies, closes it', async ({
  api,
  as,
  shot,
}) => {
  const caseId = await caseAtCommunity(api);
  const page = await as('mediator');
  await page.goto(`/cases/${caseId}`);
  await expect(mediationStatus(page)).toHaveText('待受理');
  // Before acceptance: no agreement, failure or aftercare forms.
  await expect(page.locator('form.agreement-form, form.fail-form, form.close-form')).toHaveCount(0);

  await page.fill('input[name=amendPeople]', '6');
  await page.fill('input[name=amendAmount]', '12000');
  await page.selectOption('select[name=amendRisk]', 'RISK_LEVEL_MEDIUM');
  await page.fill('input[name=amendReason]', '补充登记涉及人数和金额');
  await page.click('button[data-action=amend]');
  await expectDone(page, page.locator('[data-amount-involved]'), 'amend');
  await expect(page.locator('[data-amount-involved]')).toContainText('1.2 万元');
  await expect(page.locator('[data-risk=RISK_LEVEL_MEDIUM]')).toContainText('中');
  await shot(page, '80-case-amended');

  await expect(page.locator('select[name=rejectionReason] option')).toHaveCount(7);
  await page.selectOption(
    'select[name=rejectionReason]',
    'REJECTION_REASON_ALREADY_ACCEPTED_BY_COURT',
  );
  await page.check('input[name=rejectRemedies][value=REMEDY_LITIGATION]');
  await page.check('input[name=rejectRemedies][value=REMEDY_LEGAL_AID]');
  await shot(page, '81-case-reject-form');
  await page.click('button[data-action=reject]');
  await expectDone(page, mediationStatus(page).getByText('不予受理'), 'reject');
  await expect(entry(page, '人民法院已经受理')).toBeVisible();
  await expect(page.locator('form.accept-form')).toHaveCount(0);
  await expect(page.locator('select[name=closureOutcome] option')).toHaveCount(1);
  await page.click('button[data-action=close]');
  await expectDone(page, mediationStatus(page).getByText('已结案'), 'close the rejected case');
  await expect(page.locator('[data-closure=CLOSURE_OUTCOME_REJECTED]')).toBeVisible();
  await shot(page, '82-case-rejected-closed');
});

test('mediator: a party’s refusal of mediation stops it', async ({ api, as, shot }) => {
  const caseId = await caseAtCommunity(api);
  const page = await as('mediator');
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('button', { name: '受理', exact: true }).click();
  await expectDone(page, mediationStatus(page).getByText('调解中'), 'accept');
  // The applicant consents in writing; the respondent refuses.
  await page.selectOption('select[name=consentMethod]', 'CONSENT_METHOD_WRITTEN');
  await page.locator('button[data-consent]').first().click();
  await expectDone(page, page.locator('ul.consents-recorded li'), 'written consent');
  await expect(page.locator('ul.consents-recorded li')).toContainText('书面');
  await page.selectOption('select[name=refusingParty]', { index: 1 });
  await page.fill('input[name=refusalReason]', '认为无需调解，直接起诉');
  await page.click('button[data-action=refusal]');
  await expectDone(page, mediationStatus(page).getByText('因当事人拒绝而终止'), 'refusal');
  await expect(entry(page, '拒绝调解，调解终止')).toBeVisible();
  await shot(page, '83-case-refused');
});

test('mediator: a party withdraws the case', async ({ api, as, shot }) => {
  const caseId = await caseAtCommunity(api);
  const page = await as('mediator');
  await page.goto(`/cases/${caseId}`);
  await page.selectOption('select[name=withdrawingParty]', { index: 0 });
  await page.fill('input[name=withdrawReason]', '双方已自行和解');
  await page.click('button[data-action=withdraw]');
  // Intake records it; the mediation follows from the event and closes as withdrawn (the live
  // stream re-reads).
  await expectDone(page, page.locator('[data-closure=CLOSURE_OUTCOME_WITHDRAWN]'), 'withdraw');
  await expect(mediationStatus(page)).toHaveText('已结案');
  await expect(page.locator('h2 .badge').first()).toHaveText('已撤回');
  await expect(page.locator('form.withdraw-form, form.accept-form')).toHaveCount(0);
  await shot(page, '84-case-withdrawn');
});

test('mediator and committee admin: a transfer to the street, then failure with remedies and closure', async ({
  api,
  as,
  shot,
}) => {
  const caseId = await caseAtCommunity(api);
  const street = (await api.claims('committee-admin')).committee_code!;
  const mediator = await as('mediator');
  await mediator.goto(`/cases/${caseId}`);
  await mediator.fill('input[name=transferTarget]', street);
  await mediator.fill('input[name=transferReason]', '涉及多个社区，移交街道调委会');
  await mediator.click('button[data-action=transfer]');
  await expectDone(mediator, mediator.locator('.timeline li:has-text("移交")'), 'transfer');
  await expect(mediationStatus(mediator)).toHaveText('待受理');
  // No longer the mediator's committee's case: its forms are gone.
  await expect(mediator.locator('form.accept-form')).toHaveCount(0);
  await shot(mediator, '85-case-transferred');
  await mediator.close();

  const admin = await as('committee-admin');
  await admin.goto(`/cases/${caseId}`);
  await admin.getByRole('button', { name: '受理', exact: true }).click();
  await expectDone(admin, mediationStatus(admin).getByText('调解中'), 'accept at the street');
  await expect(admin.locator('select[name=failureReason] option')).toHaveCount(6);
  await admin.selectOption('select[name=failureReason]', 'FAILURE_REASON_PARTY_UNREACHABLE');
  await admin.check('input[name=failRemedies][value=REMEDY_ARBITRATION]');
  await admin.click('button[data-action=fail]');
  await expectDone(admin, mediationStatus(admin).getByText('调解不成'), 'fail');
  await expect(entry(admin, '无法联系当事人')).toBeVisible();
  await admin.selectOption('select[name=closureOutcome]', 'CLOSURE_OUTCOME_FAILED');
  await admin.click('button[data-action=close]');
  await expectDone(admin, mediationStatus(admin).getByText('已结案'), 'close');
  await admin.click('button[data-lang-switch]');
  await expect(admin.locator('[data-closure=CLOSURE_OUTCOME_FAILED]')).toHaveText(
    'Mediation failed',
  );
  await shot(admin, '86-case-failed-closed-en');
});

test('mediator: attaches evidence to a case and downloads it as it was', async ({
  api,
  as,
  shot,
}) => {
  const caseId = await caseAtCommunity(api);
  const page = await as('mediator');
  await page.goto(`/cases/${caseId}`);
  const section = page.locator('section.case-documents');
  await expect(section).toContainText('尚无材料');

  // Without a file the form says so and sends nothing.
  await section.locator('button[type=submit]').click();
  await expect(section.locator('[data-field=file]')).toHaveText('请选择文件');

  const content = Buffer.from('收条：今收到张三货款人民币伍仟元整。\n');
  await section.locator('select[name=documentKind]').selectOption('DOCUMENT_KIND_EVIDENCE');
  await section.locator('input[name=file]').setInputFiles({
    name: '收条.txt',
    mimeType: 'text/plain',
    buffer: content,
  });
  await section.locator('textarea[name=documentDescription]').fill('申请人提交的收条');
  await section.locator('button[type=submit]').click();
  const row = section.locator('table.documents tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('证据材料');
  await expect(row).toContainText('申请人提交的收条');
  await shot(page, '87-mediator-case-documents');

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: '收条.txt' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('收条.txt');
  expect(readFileSync((await file.path())!)).toEqual(content);

  // The whole case file (卷宗) as one zip archive.
  const [archive] = await Promise.all([
    page.waitForEvent('download'),
    section.locator('button[data-case-file]').click(),
  ]);
  expect(archive.suggestedFilename()).toMatch(/\.zip$/);
  expect(
    readFileSync((await archive.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  await expect(section.locator('.problem')).toHaveCount(0);
});
