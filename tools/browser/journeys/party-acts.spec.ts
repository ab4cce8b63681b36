import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { COMMUNITY_DIRECTOR, type GatewayApi } from '../support/gateway-api';
import { button, day, expect, expectDone, expectNoProblem, test } from '../support/console.fixture';
import {
  PHONE,
  codeTextedTo,
  expectTexted,
  resendWindow,
  signIn,
  codeTextCount,
} from '../support/party-phone';

// Two citizens on their phones through a whole mediation: one applies online naming the other
// with a mobile; both are texted when the committee accepts the case and when a session is set.
// Both consent online, and the other side answers the session, reads and signs
// the agreement the mediator sends with a texted code; the applicant signs too, which makes it
// take effect; after the committee closes the case the other side rates the mediation. The
// committee's side goes through the gateway's API, and the mediator's console sends the agreement.

/** The mediation's version, as the committee reads it, for its next command. */
const versionOf = async (api: GatewayApi, caseId: string) =>
  (await api.as<{ mediation: { version: string } }>('mediator', 'GET', `/mediations/${caseId}`))
    .mediation.version;

/** What a party must never read: the API's enum names or amounts in fen. */
async function expectPlainWords(page: Page, what: string) {
  const text = await page.locator('main').innerText();
  expect(text, `${what}: raw names or fen`).not.toMatch(/[A-Z]{3,}_[A-Z_]{3,}|amountFen|\bfen\b/);
}

/**
 * Signs the agreement on the party's page with the code texted to `mobile`; with `wrongFirst`, a
 * wrong code first, refused in plain words (then `wrongFirst` runs, e.g. a screenshot).
 */
async function signAgreement(
  page: Page,
  mobile: string,
  { last = false, wrongFirst }: { last?: boolean; wrongFirst?: () => Promise<void> } = {},
) {
  const panel = page.locator('section[data-panel=agreement]');
  await resendWindow(mobile);
  const before = codeTextCount(mobile);
  await panel.locator('button[data-act=get-code]').click();
  await expect(panel.locator('form[data-step=sign]')).toBeVisible();
  const code = await codeTextedTo(mobile, before);
  if (wrongFirst) {
    await panel.locator('input[name=signCode]').fill(code === '000000' ? '111111' : '000000');
    await panel.locator('form[data-step=sign] button[type=submit]').click();
    await expect(panel.locator('.problem[data-status="400"]')).toContainText('验证码不正确');
    await expect(panel.locator('[data-field=code]')).toContainText('验证码不正确');
    await wrongFirst();
  }
  await panel.locator('input[name=signCode]').fill(code);
  await panel.locator('form[data-step=sign] button[type=submit]').click();
  if (last) {
    // The last signature makes it take effect: the page says so instead of the signature card.
    const done = page.locator('[data-done=mediation]', { hasText: /调解协议已于 .+ 生效/ });
    await expectDone(page, done, `${mobile} signs the agreement last`);
    await expect(panel).toHaveCount(0);
  } else {
    await expectDone(page, panel.locator('[data-done=signed]'), `${mobile} signs the agreement`);
    await expect(panel.locator('[data-done=signed]')).toContainText(/您已于 .+ 签署本协议/);
  }
}

test('two citizens on their phones: consent, a session, the agreement signed with codes, a rating', async ({
  api,
  as,
  browser,
  shot,
}) => {
  test.setTimeout(8 * 60_000);
  const mediator = await api.claims('mediator');
  const community = mediator.org_unit_code!;
  const committee = mediator.committee_code!;
  const stamp = String(Date.now()).slice(-8);
  const applicant = `133${stamp}`;
  const other = `132${stamp}`;
  const phoneA = await browser.newContext(PHONE);
  const phoneB = await browser.newContext(PHONE);
  try {
    const pageA = await phoneA.newPage();
    const pageB = await phoneB.newPage();
    let caseId = '';

    await test.step('the applicant applies online from the phone', async () => {
      await signIn(pageA, applicant);
      await pageA.click('a[href="/my/apply"]');
      for (const [level, code] of [
        [0, community.slice(0, 6)],
        [1, community.slice(0, 9)],
        [2, community],
      ] as const) {
        await expect(
          pageA.locator(`select[name=place-${level}] option[value="${code}"]`),
        ).toHaveCount(1);
        await pageA.selectOption(`select[name=place-${level}]`, code);
      }
      await pageA.selectOption('select[name=category]', 'DISPUTE_CATEGORY_NEIGHBOUR');
      await pageA.fill('textarea[name=description]', '楼上卫生间漏水，损坏我家吊顶，协商未果。');
      await pageA.fill('input[name="applicant.name"]', '孙丽华');
      await pageA.fill('input[name="respondents[0].name"]', '郑国强');
      await pageA.fill('input[name="respondents[0].phone"]', other);
      await pageA.click('button[type=submit]');
      await expect(pageA.locator('[data-next-step]')).toContainText('是否受理');
      caseId = /\/my\/cases\/([^/]+)$/.exec(pageA.url())?.[1] ?? '';
      expect(caseId, `no case page after applying (${pageA.url()})`).toBeTruthy();
    });

    await test.step('both are texted the acceptance; the other side consents online', async () => {
      await api.mediationOf('mediator', caseId);
      await api.as('mediator', 'POST', `/mediations/${caseId}/accept`, {
        expectedVersion: await versionOf(api, caseId),
      });
      await expectTexted(applicant, 'SMS_MEDIATION_CASE_ACCEPTED', 'the applicant told of it');
      await expectTexted(other, 'SMS_MEDIATION_CASE_ACCEPTED', 'the other side told of it');
      // Each side records its own consent: the applicant with one tap.
      await pageA.reload();
      await pageA.locator('section[data-panel=consent] button[data-act=consent]').click();
      await expectDone(pageA, pageA.locator('[data-done=mediation]'), 'the applicant consents');
      await expect(pageA.locator('section[data-panel=consent]')).toHaveCount(0);

      await signIn(pageB, other);
      await pageB.locator('li[data-case] a').click();
      const consent = pageB.locator('section[data-panel=consent]');
      await expect(consent).toBeVisible();
      await expect(pageB.locator('[data-waiting]')).toContainText('待您办理');
      await expectPlainWords(pageB, 'the case with a decision waiting');
      await shot(pageB, '50-party-consent');
      // Refusing asks why, and says what follows, before anything is sent.
      await consent.locator('button[data-act=refuse]').click();
      await consent.locator('form[data-step=refuse] button[type=submit]').click();
      await expect(consent.locator('[data-field=reason]')).toContainText('请写明不同意的原因');
      await expect(consent.locator('.warning')).toContainText('调解将终止');
      await shot(pageB, '51-party-refuse-confirm');
      await consent.getByRole('button', { name: '取消', exact: true }).click();
      await consent.locator('button[data-act=consent]').click();
      await expectDone(pageB, pageB.locator('[data-done=mediation]'), 'consent online');
      await expect(pageB.locator('[data-done=mediation]')).toContainText(/您已于 .+ 同意调解/);
      await expect(consent).toHaveCount(0);
      await shot(pageB, '52-party-consented');
    });

    await test.step('both are texted the session; one asks to move it, then will attend', async () => {
      await api.ensureRosterMember(committee, COMMUNITY_DIRECTOR);
      await api.as('mediator', 'POST', `/mediations/${caseId}/mediators`, {
        expectedVersion: await versionOf(api, caseId),
        mediators: [{ mediatorId: COMMUNITY_DIRECTOR.id, role: 'MEDIATOR_ROLE_LEAD' }],
      });
      await api.as('mediator', 'POST', `/mediations/${caseId}/schedule-session`, {
        expectedVersion: await versionOf(api, caseId),
        scheduledAt: `${day(3)}T15:00:00+08:00`,
        location: '光景社区调解室',
        visibility: 'SESSION_VISIBILITY_PRIVATE',
      });
      await expectTexted(applicant, 'SMS_MEDIATION_SESSION_SCHEDULED', 'the applicant told');
      await expectTexted(other, 'SMS_MEDIATION_SESSION_SCHEDULED', 'the other side told');
      await pageB.reload();
      const session = pageB.locator('section[data-panel=sessions] li[data-session]');
      await expect(session).toHaveCount(1);
      await expect(session).toContainText('光景社区调解室');
      await expect(session).toContainText('15:00');
      await session.locator('button[data-act=move]').click();
      await session.locator('form[data-step=move] button[type=submit]').click();
      await expect(session.locator('[data-field=note]')).toContainText('请写明改期原因');
      await session.locator('textarea[name=note]').fill('那天要去医院复查，周末都可以。');
      await session.locator('form[data-step=move] button[type=submit]').click();
      await expectDone(pageB, session.locator('[data-answer=move]'), 'ask to move the session');
      await expect(session.locator('[data-answer=move]')).toContainText('周末都可以');
      await session.locator('button[data-act=attend]').click();
      await expectDone(pageB, session.locator('[data-answer=attend]'), 'will attend');
      await expect(session.locator('[data-answer=attend]')).toContainText(/您已于 .+ 确认参加/);
      await expectPlainWords(pageB, 'the session answered');
      await shot(pageB, '53-party-session');
    });

    await test.step('the mediator sends the agreement to the parties to sign online', async () => {
      const staff = await as('mediator');
      // What the parties did online reaches the committee: its inbox, and the session's answers.
      await staff.goto('/staff-inbox');
      const item = (kind: string) =>
        staff.locator(`tr[data-kind=${kind}]:has(a[href="/cases/${caseId}"])`);
      await expect(item('INBOX_KIND_SESSION_MOVE_ASKED')).toContainText('申请调解改期');
      await expect(item('INBOX_KIND_CONSENT_GIVEN')).toHaveCount(2);
      await expectPlainWords(staff, 'the staff inbox');
      await shot(staff, '53b-mediator-inbox');
      await staff.goto(`/cases/${caseId}`);
      const answers = staff.locator('tr[data-session] [data-session-answers]');
      await expect(answers.locator('li[data-answer=SESSION_ANSWER_WILL_ATTEND]')).toContainText(
        '将按时到场',
      );
      await staff.fill('textarea[name=facts]', '郑国强家卫生间管道漏水，损坏孙丽华家吊顶。');
      await staff.fill('textarea[name=issues]', '吊顶维修费用的承担。');
      await staff.fill('textarea[name=responsibilities]', '郑国强承担维修费用。');
      await staff.click('button[data-action=add-obligation]');
      const o = (field: string) => `[name="obligations[0].${field}"]`;
      await staff.selectOption(o('kind'), 'OBLIGATION_KIND_PAYMENT');
      await staff.fill(o('description'), '赔偿吊顶维修费');
      await staff.selectOption(o('manner'), 'PERFORMANCE_MANNER_LUMP_SUM');
      await staff.fill(o('amount'), '1500.50');
      await staff.fill(o('due'), day(10));
      await staff.fill('textarea[name=terms]', '双方就此事再无其他争议。');
      await staff.check('input[name=signOnline]');
      await expect(staff.locator('input[name=effectiveAt]')).toHaveCount(0);
      await button(staff, '发送协议供签署').click();
      const proposal = staff.locator('[data-proposal]');
      await expectDone(staff, proposal, 'send the agreement for signing');
      await expect(proposal.locator('li[data-signed=false]')).toHaveCount(2);
      await shot(staff, '54-mediator-agreement-sent');
      await staff.close();
    });

    await test.step('the other side reads the agreement in yuan and signs with a code', async () => {
      await pageB.reload();
      const panel = pageB.locator('section[data-panel=agreement]');
      await expect(panel).toBeVisible();
      await expect(panel.locator('[data-agreement-text]')).toContainText('损坏孙丽华家吊顶');
      await expect(panel.locator('[data-amount]')).toHaveText('1500.50 元');
      await expect(panel.locator('li[data-signed=false]')).toHaveCount(2);
      await expectPlainWords(pageB, 'the agreement to sign');
      await shot(pageB, '55-party-agreement');
      await signAgreement(pageB, other, {
        wrongFirst: () => shot(pageB, '56-party-wrong-sign-code'),
      });
      await expect(panel.locator('li[data-signed=true]')).toHaveCount(1);
      await shot(pageB, '57-party-signed');
    });

    await test.step('the applicant signs too; the agreement takes effect', async () => {
      await pageA.reload();
      await expect(pageA.locator('section[data-panel=agreement] li[data-signed=true]')).toHaveCount(
        1,
      );
      await signAgreement(pageA, applicant, { last: true });
      await expect(pageA.locator('section[data-panel=sessions]')).toHaveCount(0);
      await expect
        .poll(
          async () => {
            await pageA.reload();
            return pageA.locator('.card[data-status]').innerText();
          },
          { message: 'the case shown as agreed in writing', timeout: 30_000 },
        )
        .toContain('达成书面协议');
      await expectPlainWords(pageA, 'the agreement in effect');
      await shot(pageA, '58-party-agreement-in-force');
    });

    await test.step('the applicant downloads the 调解协议书 to keep', async () => {
      const panel = pageA.locator('section[data-panel=agreement-document]');
      await expect(panel).toContainText('调解协议书');
      const [pdf] = await Promise.all([
        pageA.waitForEvent('download'),
        panel.locator('button[data-download=agreement]').click(),
      ]);
      expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
      const bytes = readFileSync((await pdf.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      await expectNoProblem(pageA, 'the agreement downloaded');
      // The administrator finds the download in the read audit, in words.
      const admin = await as('administrator');
      await admin.click('header.top nav a[href="/audit"]');
      await admin.fill('form input[name=value]', caseId);
      await admin.click('form button[type=submit]');
      const read = admin.locator('section.read-audit tr', { hasText: '下载调解协议书' }).first();
      await expect(read).toContainText('当事人本人');
      await expectNoProblem(admin, 'the read audit');
      await expectPlainWords(admin, 'the read audit');
      await shot(admin, '58b-administrator-audit-of-party-download');
      await admin.close();
    });

    await test.step('the other side rates the mediation after the committee closes it', async () => {
      const m = await api.as<{
        mediation: {
          version: string;
          agreement: { terms: { obligations: { obligationId: string }[] } };
        };
      }>('mediator', 'GET', `/mediations/${caseId}`);
      await api.as('mediator', 'POST', `/mediations/${caseId}/performance`, {
        expectedVersion: m.mediation.version,
        obligationId: m.mediation.agreement.terms.obligations[0]!.obligationId,
        status: 'PERFORMANCE_STATUS_PERFORMED',
        amountPaid: { amountFen: '150050' },
        performedAt: new Date().toISOString(),
      });
      await api.as('mediator', 'POST', `/mediations/${caseId}/close`, {
        expectedVersion: await versionOf(api, caseId),
        outcome: 'CLOSURE_OUTCOME_AGREEMENT_PERFORMED',
      });
      await pageB.reload();
      const rating = pageB.locator('section[data-panel=rating]');
      await expect(rating).toBeVisible();
      await rating.locator('button[type=submit]').click();
      await expect(rating.locator('[data-field=score]')).toContainText('请选择满意程度');
      await rating.getByLabel('4 · 满意', { exact: true }).check();
      await rating.locator('textarea[name=comment]').fill('调解员很耐心，处理及时。');
      await shot(pageB, '59-party-rating');
      await rating.locator('button[type=submit]').click();
      await expectDone(pageB, rating.locator('[data-done=rated]'), 'rate the mediation');
      await expect(rating.locator('[data-done=rated]')).toContainText('满意');
      await expect(rating.locator('input[name=score]')).toHaveCount(0);
      await expectNoProblem(pageB, 'the rated case');
      await expectPlainWords(pageB, 'the closed case');
      await shot(pageB, '60-party-rated');
    });
  } finally {
    await phoneA.close();
    await phoneB.close();
  }
});
