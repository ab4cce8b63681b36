import { readTexts } from '@mediation/test-platform';
import { expect, expectNoProblem, test } from '../support/console.fixture';
import { PHONE, signIn } from '../support/party-phone';
import { SMS_LOG_ENV } from '../support/run-paths';

// A citizen on a phone: opens the link in a text, proves the number with the code texted (read
// from the SMS stand-in's log), sees the case that names it and what happens next; a second phone
// proves itself the same way and sees no case.

test('a party on a phone proves the number and follows the case; another phone sees nothing', async ({
  api,
  browser,
  shot,
}) => {
  const mobile = `136${String(Date.now()).slice(-8)}`;
  const mediator = await api.claims('mediator');
  const caseId = await api.openCase('mediator', mediator.org_unit_code!, mobile);
  const phone = await browser.newContext(PHONE);
  try {
    const page = await phone.newPage();
    await signIn(page, mobile, (name) => shot(page, name));
    const card = page.locator('li[data-case]');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('已登记');
    await expect(card).toContainText('3个工作日内决定是否受理');
    await expectNoProblem(page, 'the party’s cases');
    await shot(page, '42-party-cases');
    await card.locator('a').click();
    await expect(page).toHaveURL(new RegExp(`/my/cases/${caseId}$`));
    await expect(page.locator('[data-next-step]')).toContainText('是否受理');
    await expect(page.locator('[data-committee]')).toContainText('调解委员会');
    // Where to go and whom to call: the committee's platform, and 12348 where no number is on record.
    await expect(page.locator('[data-committee-office]')).toContainText('公共法律服务');
    await expect(page.locator('[data-committee-phone] a[href="tel:12348"]')).toHaveText('12348');
    await expect(page.getByText('赵六 （您）')).toBeVisible();
    await expect(page.locator('main')).not.toContainText(mobile);
    await expectNoProblem(page, 'the party’s case');
    await shot(page, '43-party-case');
    // Signing out leaves nothing behind: the sign-in page again.
    await page.click('header.top button.secondary:not([data-lang-switch])');
    await expect(page.locator('form[data-step=mobile]')).toBeVisible();

    const other = await phone.newPage();
    await signIn(other, `135${String(Date.now()).slice(-8)}`);
    await expect(other.locator('li[data-case]')).toHaveCount(0);
    await expect(other.locator('main')).toContainText('此手机号下没有调解案件');
    await shot(other, '44-party-no-cases');
  } finally {
    await phone.close();
  }
});

test('a party applies online from a phone; the community committee sees it arrive live', async ({
  api,
  as,
  browser,
  shot,
}) => {
  const mediator = await api.claims('mediator');
  const community = mediator.org_unit_code!;
  const committee = await as('mediator');
  await committee.goto('/cases');
  await expect(committee.locator('span.live.on')).toBeVisible();

  const mobile = `134${String(Date.now()).slice(-8)}`;
  const phone = await browser.newContext(PHONE);
  try {
    const page = await phone.newPage();
    await signIn(page, mobile);
    await page.click('a[href="/my/apply"]');
    await expect(page.locator('#apply-online')).toBeVisible();
    // Sending the empty form: the fields are named, nothing is sent.
    await page.click('button[type=submit]');
    await expect(page.locator('[data-field="applicant.name"]')).toBeVisible();
    await expect(page.locator('[data-field=orgUnitCode]')).toBeVisible();
    await shot(page, '45-party-apply-empty');
    // The place, one level at a time: district, street, community.
    for (const [level, code] of [
      [0, community.slice(0, 6)],
      [1, community.slice(0, 9)],
      [2, community],
    ] as const) {
      await expect(page.locator(`select[name=place-${level}] option[value="${code}"]`)).toHaveCount(
        1,
      );
      await page.selectOption(`select[name=place-${level}]`, code);
    }
    await page.selectOption('select[name=category]', 'DISPUTE_CATEGORY_NEIGHBOUR');
    await page.fill('textarea[name=description]', '楼上装修噪音持续两个月，协商未果，请求调解。');
    await page.fill('input[name="applicant.name"]', '周晓梅');
    await expect(page.locator('input[name="applicant.phone"]')).toHaveValue(mobile);
    await page.fill('input[name="respondents[0].name"]', '吴大伟');
    await page.fill('input[name="respondents[0].phone"]', '12345');
    await page.click('button[type=submit]');
    // The gateway's refusal, on the field the party typed.
    await expect(page.locator('[data-field="respondents[0].phone"]')).toContainText(
      '请填写正确的手机号',
    );
    await expect(page.locator('.problem')).not.toContainText('parties[');
    await page.fill('input[name="respondents[0].phone"]', '13700001111');
    await shot(page, '46-party-apply-filled');
    await page.click('button[type=submit]');

    await expect(page.locator('[data-next-step]')).toContainText('是否受理');
    const caseId = /\/my\/cases\/([^/]+)$/.exec(page.url())?.[1];
    expect(caseId, `no case page after applying (${page.url()})`).toBeTruthy();
    await expect(page.getByText('周晓梅 （您）')).toBeVisible();
    // A file over the limit is turned away on the phone, before any upload.
    await page.setInputFiles('input[name=evidence]', {
      name: '视频.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(3 * 1024 * 1024 + 1, 0x25),
    });
    await page.click('section:has(#party-evidence) button[type=submit]');
    await expect(page.locator('[data-field=contentBase64]')).toContainText('不超过3 MB');
    // Evidence from the phone: a photo's PDF, listed as the party's own.
    await page.setInputFiles('input[name=evidence]', {
      name: '漏水照片.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await page.click('section:has(#party-evidence) button[type=submit]');
    await expect(page.locator('[data-documents] li[data-yours=true]')).toContainText(
      '漏水照片.pdf',
    );
    await shot(page, '47-party-applied');

    // The applicant is texted that it arrived; the committee's list shows it without a reload.
    const log = process.env[SMS_LOG_ENV]!;
    await expect
      .poll(
        () =>
          readTexts(log)
            .filter((t) => t.phone === mobile)
            .map((t) => t.templateCode),
        { message: 'the text saying the application arrived', timeout: 30_000 },
      )
      .toContain('SMS_MEDIATION_APPLICATION_RECEIVED_ZH');
    await expect(committee.locator(`a[href="/cases/${caseId}"]`)).toBeVisible({ timeout: 30_000 });
    await expectNoProblem(committee, 'the committee’s cases');
    await shot(committee, '48-committee-sees-online-application');
  } finally {
    await phone.close();
  }
});
