import {
  expect,
  expectLive,
  expectNoProblem,
  expectNotReloaded,
  markWindow,
  test,
} from '../support/console.fixture';
import { COMMUNITY_DIRECTOR } from '../support/gateway-api';

test('committee admin: the deadline view (overdue / due soon / per mediator) links to the case', async ({
  api,
  as,
  shot,
}) => {
  // A fresh case at the point: its acceptance decision is due within days ("due soon").
  const point = (await api.user('volunteer')).orgUnitCode;
  const fresh = await api.openCase('volunteer', point);
  await api.mediationOf('committee-admin', fresh);
  // A case at the community with a lead mediator, so that the workload has a mediator's row.
  const community = (await api.claims('mediator')).committee_code!;
  await api.ensureRosterMember(community, COMMUNITY_DIRECTOR);
  const led = await api.openCase('mediator', (await api.user('mediator')).orgUnitCode);
  let m = await api.mediationOf('mediator', led);
  m = await api.as('mediator', 'POST', `/mediations/${led}/accept`, {
    expectedVersion: m.mediation.version,
  });
  await api.as('mediator', 'POST', `/mediations/${led}/mediators`, {
    expectedVersion: m.mediation.version,
    mediators: [{ mediatorId: 'cm-1', role: 'MEDIATOR_ROLE_LEAD' }],
  });

  const page = await as('committee-admin');
  await page.click('header.top nav a[href="/deadlines"]');
  const row = page.locator(`section[data-group="dueSoon"] tr[data-case="${fresh}"]`);
  await expect(row, 'the fresh case is not among the deadlines due soon').toBeVisible();
  // Committees by name, never by code.
  await expect(row.locator('td[data-committee]')).toContainText('评理说事点');
  await expect(row.locator('td[data-committee]')).not.toContainText('P01');
  const mediator = page.locator('table.workload button[data-mediator="cm-1"]');
  await expect(mediator, 'no workload row of the lead mediator').toBeVisible();
  await expectNoProblem(page, 'the deadline view');
  await shot(page, '50-committee-deadlines');

  // One mediator's deadlines only (the fresh case has none assigned), then all again.
  await mediator.click();
  await expect(mediator).toHaveAttribute('aria-pressed', 'true');
  await expect(row).toHaveCount(0);
  await shot(page, '51-committee-deadlines-one-mediator');
  await mediator.click();
  await expect(row).toBeVisible();

  await page.click('button[data-lang-switch]');
  await expect(page.locator('section[data-group="dueSoon"] h3')).toContainText('Due soon');
  await shot(page, '52-committee-deadlines-en');
  await page.click('button[data-lang-switch]');
  await row.locator('a').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${fresh}$`));
  await expect(page.locator('.timeline li').first()).toBeVisible();
  await shot(page, '53-committee-deadline-to-case');
});

test('committee admin: the case page updates live when the mediator accepts it (API)', async ({
  api,
  as,
  shot,
}) => {
  const caseId = await api.openCase('mediator', (await api.user('mediator')).orgUnitCode);
  const m = await api.mediationOf('mediator', caseId);
  const page = await as('committee-admin');
  await page.goto(`/cases/${caseId}`);
  const status = page.locator('h2 .badge').last();
  await expect(status).toHaveText('待受理');
  // The case's own status (intake's case view) is the life status: registered, not yet accepted.
  const caseStatus = page.locator('h2 .case-status');
  await expect(caseStatus).toHaveAttribute('data-status', 'CASE_STATUS_REGISTERED');
  const accepted = page.locator('.timeline li[data-event-type*="accepted" i]');
  await expect(accepted).toHaveCount(0);
  await expectLive(page);
  await markWindow(page);
  await shot(page, '54-live-case-before');

  // Another actor, through the API: the community mediator accepts the case.
  await api.as('mediator', 'POST', `/mediations/${caseId}/accept`, {
    expectedVersion: m.mediation.version,
    note: '另一位调解员受理',
  });
  // The case timeline gains the step (with who did it), and both statuses move on.
  await expect(accepted).toHaveCount(1);
  await expect(status).toHaveText('调解中');
  await expect(caseStatus).not.toHaveAttribute('data-status', 'CASE_STATUS_REGISTERED');
  await expect(caseStatus).not.toHaveText(/CASE_STATUS_/);
  await expectNotReloaded(page);
  await expect
    .poll(async () => Number(await page.locator('.live').first().getAttribute('data-updates')))
    .toBeGreaterThan(0);
  await shot(page, '55-live-case-after');
});

test('mediator: my cases list shows a new case live, without a reload', async ({
  api,
  as,
  shot,
}) => {
  const page = await as('mediator');
  await page.goto('/cases');
  await expectLive(page);
  await markWindow(page);
  const caseId = await api.openCase('volunteer', (await api.user('volunteer')).orgUnitCode);
  await expect(page.locator(`a[href="/cases/${caseId}"]`)).toBeVisible();
  await expectNotReloaded(page);
  await shot(page, '56-live-my-cases');
});
