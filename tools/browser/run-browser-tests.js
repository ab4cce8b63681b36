#!/usr/bin/env node
// Browser tests of the web console against the real platform: the local stack (Kafka + FerretDB),
// the four gRPC services and the gateway, all started here from their built dist/ by the built
// @mediation/test-platform with this run's own databases, topics and consumer groups (so no earlier
// run's cases show up) (run through `npx nx run gateway:browser-test`, which builds first and
// installs Debian's Chromium).
// Playwright (playwright-core) drives /usr/bin/chromium; every page is saved as a screenshot under
// test-results/browser/. Steps that need a backend feature that is not implemented yet (the
// gateway answers 501, or the service is unavailable: 503) are reported as skipped, with why.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Platform } = require('@mediation/test-platform');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'test-results', 'browser');
const logs = path.join(out, 'logs');
const results = [];

async function waitFor(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function record(step, status, note = '') {
  results.push({ step, status, note });
  console.log(
    `${status === 'passed' ? '✓' : status === 'skipped' ? '○' : '✗'} ${step}${note ? ` — ${note}` : ''}`,
  );
}

async function step(name, fn) {
  try {
    const note = await fn();
    if (note && typeof note === 'object' && note.skipped) record(name, 'skipped', note.skipped);
    else record(name, 'passed', typeof note === 'string' ? note : '');
  } catch (error) {
    record(name, 'failed', String(error && error.message ? error.message.split('\n')[0] : error));
  }
}

async function main() {
  fs.mkdirSync(logs, { recursive: true });
  execFileSync('bash', [path.join(root, 'deploy/local/stack.sh'), 'ensure'], { stdio: 'inherit' });
  // The bootstrap checks the org directory data and makes the platform's topics (as npm start does);
  // this run itself uses its own topics, made by the test platform.
  execFileSync(process.execPath, [path.join(root, 'tools/bootstrap/dist/main.js')], {
    stdio: 'inherit',
    cwd: root,
  });

  // The services and the gateway, each service with its own database for this run, and the run's
  // own topics and consumer groups; their output goes to test-results/browser/logs/.
  platform = await Platform.start({
    name: 'browser',
    logLevel: 'info',
    logDir: logs,
    gateway: { env: { RATE_LIMIT: '5000' } },
  });
  const base = platform.gatewayUrl;
  await step('the backends become ready (/readyz)', async () => {
    try {
      await waitFor('readiness', async () => (await fetch(`${base}/readyz`)).ok, 45_000);
    } catch {
      const body = await (await fetch(`${base}/readyz`)).text();
      throw new Error(`not ready: ${body}`);
    }
  });

  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  // A fresh profile directory per run (Playwright takes it as the persistent context's dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1180, height: 820 },
    locale: 'zh-CN',
    baseURL: base,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Not 'networkidle': the dashboard keeps its live stream open.
  const settle = async (page) => {
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
  };
  const shot = (page, name) =>
    page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  // A tablet in landscape, Chinese first. Each page is a new tab: its own session (token).
  const newPage = () => context.newPage();
  const login = async (page, userId) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.click(`button[data-user="${userId}"]`);
    await page.waitForSelector('header.top .who', { timeout: 10_000 });
  };
  // 501/503 in a problem banner = the backend is not there yet: skip, saying so.
  const backendGap = async (page) => {
    const banner = page.locator('.problem').first();
    if (!(await banner.count())) return undefined;
    const status = await banner.getAttribute('data-status');
    if (status === '501' || status === '503')
      return `backend answered ${status}: ${(await banner.innerText()).split('\n')[0]}`;
    return undefined;
  };

  const { users } = await (await fetch(`${base}/api/v1/dev/users`)).json();
  await step('the login page lists a demo user of every role', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.waitForSelector('.user-card');
    await shot(page, '00-login');
    const shown = await page.locator('.user-card').count();
    if (shown !== users.length) throw new Error(`${shown} of ${users.length} users shown`);
    await page.close();
  });

  for (const user of users) {
    await step(`log in as ${user.id} (${user.roles.join('+')})`, async () => {
      const page = await newPage();
      await login(page, user.id);
      await settle(page);
      await shot(page, `01-home-${user.id}`);
      await page.click('button[aria-label="language"]');
      await page.waitForSelector('text=Log out');
      await shot(page, `02-home-${user.id}-en`);
      await page.close();
    });
  }

  let caseId;
  await step('volunteer: the open-case form validates before sending', async () => {
    const page = await newPage();
    await login(page, 'volunteer');
    await page.goto('/cases/new');
    await page.click('button[type=submit]');
    const errors = await page.locator('.field-error').count();
    if (errors < 3) throw new Error(`only ${errors} field errors shown for an empty form`);
    await shot(page, '10-open-case-empty');
    await page.fill('input[name="parties[0].phone"]', '12345');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-field="parties[0].phone"]');
    await shot(page, '11-open-case-bad-phone');
    await page.close();
  });

  await step('volunteer: opens a case at the reasoning point', async () => {
    const page = await newPage();
    await login(page, 'volunteer');
    await page.goto('/cases/new');
    await page.selectOption('select[name=category]', 'DISPUTE_CATEGORY_NEIGHBOUR');
    await page.fill('input[name="parties[0].name"]', '张三');
    await page.fill('input[name="parties[0].phone"]', '13800001234');
    await page.fill('input[name="parties[1].name"]', '李四');
    await page.fill('textarea[name=description]', '楼上漏水，双方协商未果。');
    await shot(page, '12-open-case-filled');
    await page.click('button[type=submit]');
    await Promise.race([
      page.waitForURL(/\/cases\/(?!new$)[^/]+$/, { timeout: 20_000 }),
      page.waitForSelector('.problem', { timeout: 20_000 }),
    ]);
    await shot(page, '13-open-case-result');
    const gap = await backendGap(page);
    await page.close();
    if (gap) return { skipped: gap };
    const m = /\/cases\/([^/]+)$/.exec(page.url());
    if (!m || m[1] === 'new') throw new Error('no case page after submitting');
    caseId = m[1];
    return `case ${caseId}`;
  });

  await step('mediator: my cases and the case detail with its timeline', async () => {
    const page = await newPage();
    await login(page, 'mediator');
    await page.goto('/cases');
    await settle(page);
    await shot(page, '20-mediator-cases');
    let gap = await backendGap(page);
    if (gap) return { skipped: gap };
    if (!caseId) return { skipped: 'no case was opened' };
    await page.goto(`/cases/${caseId}`);
    await settle(page);
    await shot(page, '21-mediator-case-detail');
    gap = await backendGap(page);
    if (gap) return { skipped: gap };
    await page.close();
  });

  // Clicks mediator-action buttons on the case page one after the other; a 501/503 skips, any
  // other problem fails (with the service's words).
  const actOnCase = async (user, buttons, shotName, fill) => {
    if (!caseId) return { skipped: 'no case was opened' };
    const page = await newPage();
    await login(page, user);
    await page.goto(`/cases/${caseId}`);
    await settle(page);
    // The mediation is created from intake's event: the page re-reads it live when it appears.
    await page
      .waitForSelector('button:has-text("上报上级")', { timeout: 20_000 })
      .catch(() => undefined);
    if (!(await page.locator('button:has-text("上报上级")').count())) {
      await page.close();
      return { skipped: 'the mediation is not readable yet (no actions shown)' };
    }
    if (fill) await fill(page);
    for (const text of buttons) {
      const button = page.locator(`button:has-text("${text}")`);
      // Several buttons (one per party): click each in turn, re-reading the version between.
      for (let i = 0, n = await button.count(); i < n; i++) {
        await button.nth(i).click();
        await settle(page);
        await page.waitForTimeout(300);
      }
      await settle(page);
      await page.waitForTimeout(300);
      const gap = await backendGap(page);
      const problem = (await page.locator('.problem').count())
        ? await page.locator('.problem').first().innerText()
        : '';
      if (gap || problem) {
        await shot(page, shotName);
        await page.close();
        if (gap) return { skipped: `${text}: ${gap}` };
        throw new Error(`${text}: ${problem.split('\n')[0]}`);
      }
    }
    await shot(page, shotName);
    const status = await page.locator('h2 .badge').last().innerText();
    await page.close();
    return `mediation now ${status}`;
  };

  await step('volunteer: accepts at the reasoning point and escalates to the community', () =>
    actOnCase('volunteer', ['受理', '上报上级'], '22-volunteer-escalated'),
  );

  await step('mediator: accepts the escalated case and records an agreement', () =>
    actOnCase(
      'mediator',
      ['受理', '记录同意调解', '达成协议'],
      '23-mediator-agreement',
      async (page) => {
        await page.fill('textarea[name=facts]', '楼上管道老化漏水。');
        await page.fill('textarea[name=issues]', '维修费用承担。');
        await page.fill('textarea[name=terms]', '李四于十日内负责维修管道并赔偿张三损失五百元。');
      },
    ),
  );

  await step('mediator: the case timeline shows every step', async () => {
    if (!caseId) return { skipped: 'no case was opened' };
    const page = await newPage();
    await login(page, 'mediator');
    await page.goto(`/cases/${caseId}`);
    await settle(page);
    await shot(page, '24-mediator-timeline');
    const steps = await page.locator('.timeline li').count();
    await page.close();
    return `${steps} timeline entries`;
  });

  // API helpers for setting up a journey's preconditions as another user.
  const tokenOf = async (userId) =>
    (
      await (
        await fetch(`${base}/api/v1/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        })
      ).json()
    ).accessToken;
  const apiAs = async (userId, method, p, body) => {
    const res = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenOf(userId)}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (res.status === 501 || res.status === 503)
      throw Object.assign(new Error(`${method} ${p}: ${res.status}`), { gap: true });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const newCase = (userId, orgUnitCode) =>
    apiAs(userId, 'POST', '/cases', {
      idempotencyKey: `bt-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      source: 'CASE_SOURCE_PARTY_APPLICATION',
      channel: 'CHANNEL_HOTLINE_12348',
      orgUnitCode,
      category: 'DISPUTE_CATEGORY_CONTRACT',
      parties: [
        { kind: 'PARTY_KIND_PERSON', role: 'PARTY_ROLE_APPLICANT', name: '赵六' },
        { kind: 'PARTY_KIND_PERSON', role: 'PARTY_ROLE_RESPONDENT', name: '钱七' },
      ],
      description: '货款纠纷',
    });
  const gapOr = (e) => {
    if (e.gap) return { skipped: e.message };
    throw e;
  };

  await step('lawyer: the desk inbox renders (pending / mine / overdue)', async () => {
    const page = await newPage();
    await login(page, 'lawyer');
    await page.goto('/inbox');
    await settle(page);
    await shot(page, '30-lawyer-inbox');
    for (const tab of ['我的', '已逾期']) {
      await page.click(`button[role=tab]:has-text("${tab}")`);
      await settle(page);
    }
    await shot(page, '31-lawyer-inbox-overdue');
    const gap = await backendGap(page);
    await page.close();
    if (gap) return { skipped: gap };
  });

  await step(
    'lawyer: claims a referral from a failed mediation and records the outcome',
    async () => {
      try {
        // A mediator's case fails and is referred to the district court's desk.
        const opened = await newCase(
          'mediator',
          users.find((u) => u.id === 'mediator').orgUnitCode,
        );
        const id = opened.case.caseId;
        let m;
        for (let i = 0; i < 40 && !m; i++) {
          m = await apiAs('mediator', 'GET', `/mediations/${id}`).catch(() => undefined);
          if (!m) await new Promise((r) => setTimeout(r, 500));
        }
        if (!m) return { skipped: 'the mediation was not created from the case event' };
        m = await apiAs('mediator', 'POST', `/mediations/${id}/accept`, {
          expectedVersion: m.mediation.version,
        });
        await apiAs('mediator', 'POST', `/mediations/${id}/fail`, {
          expectedVersion: m.mediation.version,
          reason: 'FAILURE_REASON_NO_CONSENSUS',
          remediesTold: ['REMEDY_LITIGATION'],
          referralRequest: {
            institutionType: 'INSTITUTION_TYPE_COURT',
            remedy: 'REMEDY_LITIGATION',
            summary: '调解不成，引导诉讼',
          },
        });
      } catch (e) {
        return gapOr(e);
      }
      const page = await newPage();
      await login(page, 'lawyer');
      await page.goto('/inbox');
      await settle(page);
      let gap = await backendGap(page);
      if (gap) {
        await page.close();
        return { skipped: gap };
      }
      await page.waitForSelector('td.buttons button:has-text("认领")', { timeout: 30_000 });
      await shot(page, '32-lawyer-pending');
      await page.locator('td.buttons button:has-text("认领")').first().click();
      await settle(page);
      if (await page.locator('.problem').count()) {
        await shot(page, '33-lawyer-claim-refused');
        const text = await page.locator('.problem').first().innerText();
        await page.close();
        throw new Error(`claim: ${text.split('\n').join(' ')}`);
      }
      await page.click('button[role=tab]:has-text("我的")');
      await settle(page);
      await shot(page, '33-lawyer-mine');
      await page.waitForSelector('button:has-text("记录结果")', { timeout: 15_000 });
      await page.locator('button:has-text("记录结果")').first().click();
      await settle(page);
      await shot(page, '34-lawyer-outcome');
      gap = await backendGap(page);
      const problem = (await page.locator('.problem').count())
        ? await page.locator('.problem').first().innerText()
        : '';
      await page.close();
      if (gap) return { skipped: gap };
      if (problem) throw new Error(problem.split('\n')[0]);
    },
  );

  // The mediation is created from intake's CaseOpened event: poll until it can be read.
  const mediationOf = async (userId, id) => {
    for (let i = 0; i < 40; i++) {
      const m = await apiAs(userId, 'GET', `/mediations/${id}`).catch((e) => {
        if (e.gap) throw e;
        return undefined;
      });
      if (m) return m;
      await new Promise((r) => setTimeout(r, 500));
    }
    return undefined;
  };
  // Marks the window; still marked later = the page was not reloaded in between.
  const markWindow = (page) => page.evaluate(() => (window.__notReloaded = true));
  const notReloaded = (page) => page.evaluate(() => window.__notReloaded === true);
  const waitLive = async (page) => {
    try {
      await page.waitForSelector('.live.on', { timeout: 30_000 });
      return undefined;
    } catch {
      return (await backendGap(page)) ?? 'the live case-change stream did not start';
    }
  };

  await step(
    'committee admin: the deadline view (overdue / due soon / per mediator) links to the case',
    async () => {
      // A fresh case at the point: its acceptance decision is due within days ("due soon").
      let opened;
      try {
        opened = await newCase('volunteer', users.find((u) => u.id === 'volunteer').orgUnitCode);
        if (!(await mediationOf('committee-admin', opened.case.caseId)))
          return { skipped: 'the mediation was not created from the case event' };
      } catch (e) {
        return gapOr(e);
      }
      const id = opened.case.caseId;
      const page = await newPage();
      await login(page, 'committee-admin');
      await page.click('header.top nav a[href="/deadlines"]');
      await page.waitForSelector('section[data-group="dueSoon"], .problem', { timeout: 15_000 });
      await settle(page);
      await shot(page, '50-committee-deadlines');
      const gap = await backendGap(page);
      if (gap) {
        await page.close();
        return { skipped: gap };
      }
      const row = page.locator(`section[data-group="dueSoon"] tr[data-case="${id}"]`);
      await row.first().waitFor({ timeout: 15_000 });
      const overdue = await page.locator('section[data-group="overdue"] tbody tr').count();
      const dueSoon = await page.locator('section[data-group="dueSoon"] tbody tr').count();
      const mediators = await page.locator('table.workload tbody tr').count();
      if (mediators === 0) throw new Error('no workload rows');
      // One mediator's deadlines only, then all again.
      const first = page.locator('table.workload button[data-mediator]').first();
      if (await first.count()) {
        await first.click();
        await settle(page);
        await shot(page, '51-committee-deadlines-one-mediator');
        await page.locator('table.workload button[aria-pressed="true"]').click();
        await settle(page);
      }
      await page.click('button[aria-label="language"]');
      await page.waitForSelector('text=Due soon');
      await shot(page, '52-committee-deadlines-en');
      await page.click('button[aria-label="language"]');
      await row.first().locator('a').click();
      await page.waitForURL(new RegExp(`/cases/${id}$`), { timeout: 10_000 });
      await settle(page);
      await shot(page, '53-committee-deadline-to-case');
      await page.close();
      return `${overdue} overdue, ${dueSoon} due soon, ${mediators} workload rows`;
    },
  );

  await step(
    'committee admin: the case page updates live when the mediator accepts it (API)',
    async () => {
      let id;
      let m;
      try {
        const opened = await newCase(
          'mediator',
          users.find((u) => u.id === 'mediator').orgUnitCode,
        );
        id = opened.case.caseId;
        m = await mediationOf('mediator', id);
        if (!m) return { skipped: 'the mediation was not created from the case event' };
      } catch (e) {
        return gapOr(e);
      }
      const page = await newPage();
      await login(page, 'committee-admin');
      await page.goto(`/cases/${id}`);
      await page.waitForSelector('.timeline');
      const notLive = await waitLive(page);
      if (notLive) {
        await page.close();
        return { skipped: notLive };
      }
      await markWindow(page);
      const badge = page.locator('h2 .badge').last();
      const before = await badge.innerText();
      const entries = await page.locator('.timeline li').count();
      await shot(page, '54-live-case-before');
      // Another actor, through the API: the community mediator accepts the case.
      try {
        await apiAs('mediator', 'POST', `/mediations/${id}/accept`, {
          expectedVersion: m.mediation.version,
          note: '另一位调解员受理',
        });
      } catch (e) {
        await page.close();
        return gapOr(e);
      }
      await page.waitForFunction(
        (n) => document.querySelectorAll('.timeline li').length > n,
        entries,
        { timeout: 20_000 },
      );
      await page.waitForFunction(
        (text) => {
          const badges = document.querySelectorAll('h2 .badge');
          return badges.length > 0 && badges[badges.length - 1].textContent !== text;
        },
        before,
        { timeout: 20_000 },
      );
      const after = await badge.innerText();
      await shot(page, '55-live-case-after');
      if (!(await notReloaded(page))) throw new Error('the page was reloaded');
      const updates = await page.locator('.live').getAttribute('data-updates');
      await page.close();
      return `${before} -> ${after} without a reload (${updates} live updates)`;
    },
  );

  await step('mediator: my cases list shows a new case live, without a reload', async () => {
    const page = await newPage();
    await login(page, 'mediator');
    await page.goto('/cases');
    await page.waitForSelector('table, .problem, p');
    const notLive = await waitLive(page);
    if (notLive) {
      await page.close();
      return { skipped: notLive };
    }
    await markWindow(page);
    let id;
    try {
      const opened = await newCase(
        'volunteer',
        users.find((u) => u.id === 'volunteer').orgUnitCode,
      );
      id = opened.case.caseId;
    } catch (e) {
      await page.close();
      return gapOr(e);
    }
    await page.waitForSelector(`a[href="/cases/${id}"]`, { timeout: 20_000 });
    await shot(page, '56-live-my-cases');
    const reloaded = !(await notReloaded(page));
    await page.close();
    if (reloaded) throw new Error('the page was reloaded');
  });

  // The committee journey: the street committee's admin keeps the roster in the console, then
  // takes a case at the street from assignment (from that roster) to a confirmed agreement.
  const claimsOf = async (userId) =>
    JSON.parse(Buffer.from((await tokenOf(userId)).split('.')[1], 'base64url').toString());
  const problemText = async (page) =>
    (await page.locator('.problem').count())
      ? (await page.locator('.problem').first().innerText()).split('\n').join(' ')
      : '';
  // Fails with the problem the page shows (a 501/503 skips, as elsewhere).
  const noProblem = async (page, what, shotName) => {
    const gap = await backendGap(page);
    const problem = await problemText(page);
    if (!gap && !problem) return undefined;
    await shot(page, shotName);
    await page.close();
    if (gap) return { skipped: `${what}: ${gap}` };
    throw new Error(`${what}: ${problem}`);
  };

  await step(
    'committee admin: keeps the committee roster in the console (art. 8 warnings, a stale edit, deactivation)',
    async () => {
      const committee = (await claimsOf('committee-admin')).committee_code;
      const page = await newPage();
      await login(page, 'committee-admin');
      await page.click('header.top nav a[href="/roster"]');
      await page.waitForSelector('.compliance, .problem', { timeout: 15_000 });
      await settle(page);
      await shot(page, '60-roster-empty');
      let failed = await noProblem(page, 'read', '60-roster-empty');
      if (failed) return failed;
      const fillMember = async (id, name, gender, role, specialities) => {
        await page.fill('input[name=memberId]', id);
        await page.fill('input[name=name]', name);
        await page.selectOption('select[name=gender]', gender);
        await page.selectOption('select[name=role]', role);
        await page.fill('input[name=specialities]', specialities);
      };
      const save = async (id) => {
        await page.click('button:has-text("保存成员")');
        await page.waitForSelector(`tr[data-member="${id}"], .problem`, { timeout: 10_000 });
        await settle(page);
      };
      const D = 'COMMITTEE_MEMBER_ROLE_DIRECTOR';
      const M = 'COMMITTEE_MEMBER_ROLE_MEMBER';
      await fillMember('sm-1', '赵秀兰', 'GENDER_FEMALE', D, '婚姻家庭，邻里');
      await save('sm-1');
      failed = await noProblem(page, 'add the director', '61-roster-one-member');
      if (failed) return failed;
      await shot(page, '61-roster-one-member');
      const early = await page.locator('.compliance li.warning').count();
      if (early === 0) throw new Error('no art. 8 warning for a one-member roster');
      await fillMember('sm-2', '钱建国', 'GENDER_MALE', M, '合同');
      await save('sm-2');
      await fillMember('sm-3', '孙丽', 'GENDER_FEMALE', M, '物业');
      await save('sm-3');
      failed = await noProblem(page, 'add members', '62-roster-three');
      if (failed) return failed;
      await page.waitForSelector('.compliance[data-issues="0"]', { timeout: 10_000 });
      // Someone else adds a member meanwhile (API): the page's next edit is stale -> 409.
      const { roster } = await apiAs('committee-admin', 'GET', `/committees/${committee}/roster`);
      await apiAs('committee-admin', 'PUT', `/committees/${committee}/roster/members/sm-4`, {
        expectedVersion: roster.version,
        name: '周海',
        gender: 'GENDER_MALE',
        role: 'COMMITTEE_MEMBER_ROLE_DEPUTY_DIRECTOR',
        specialities: ['劳动争议'],
      });
      await fillMember('sm-5', '吴强', 'GENDER_MALE', M, '');
      await page.click('button:has-text("保存成员")');
      await page.waitForSelector('.problem[data-status="409"]', { timeout: 10_000 });
      await page.waitForSelector('[data-conflict=reloaded]');
      await page.waitForSelector('tr[data-member="sm-4"]', { timeout: 10_000 });
      await shot(page, '62-roster-conflict-reloaded');
      // Reloaded: the same edit again goes through.
      await save('sm-5');
      failed = await noProblem(page, 'retry after the conflict', '63-roster-retry');
      if (failed) return failed;
      await page.click('button[data-deactivate="sm-5"]');
      await page.fill('input[name=deactivationReason]', '调离本街道');
      await page.click('button:has-text("确认停用")');
      await page.waitForSelector('tr.inactive[data-member="sm-5"]', { timeout: 10_000 });
      failed = await noProblem(page, 'deactivate', '63-roster-kept');
      if (failed) return failed;
      await shot(page, '63-roster-kept');
      await page.click('button[aria-label="language"]');
      await page.waitForSelector('text=Art. 8 checks');
      await shot(page, '64-roster-en');
      const rows = await page.locator('table.roster-members tbody tr').count();
      await page.close();
      return `${committee}: ${rows} members, ${early} warnings at one member, none at the end`;
    },
  );

  await step('mediator: reads the own committee roster, without edit controls', async () => {
    const mediator = await claimsOf('mediator');
    try {
      // Kept by an administrator through the API (the console is not the point here).
      let version = '0';
      for (const [id, name, gender, role] of [
        ['cm-1', '刘芳', 'GENDER_FEMALE', 'COMMITTEE_MEMBER_ROLE_DIRECTOR'],
        ['cm-2', '陈刚', 'GENDER_MALE', 'COMMITTEE_MEMBER_ROLE_MEMBER'],
      ])
        version = (
          await apiAs(
            'administrator',
            'PUT',
            `/committees/${mediator.committee_code}/roster/members/${id}`,
            { expectedVersion: version, name, gender, role, specialities: ['邻里'] },
          )
        ).roster.version;
    } catch (e) {
      return gapOr(e);
    }
    const page = await newPage();
    await login(page, 'mediator');
    await page.click('header.top nav a[href="/roster"]');
    await page.waitForSelector('tr[data-member="cm-1"], .problem', { timeout: 15_000 });
    await settle(page);
    await shot(page, '65-roster-mediator-read-only');
    const failed = await noProblem(page, 'read', '65-roster-mediator-read-only');
    if (failed) return failed;
    const editors = await page
      .locator('button:has-text("保存成员"), button[data-deactivate]')
      .count();
    const warnings = await page.locator('.compliance li.warning').count();
    await page.close();
    if (editors) throw new Error('a mediator sees edit controls');
    return `${warnings} art. 8 warnings (two members)`;
  });

  let committeeCase;
  await step(
    'committee admin: assigns mediators from the roster (a party’s choice), records a recusal',
    async () => {
      try {
        const admin = users.find((u) => u.id === 'committee-admin');
        const opened = await newCase('committee-admin', admin.orgUnitCode);
        if (!(await mediationOf('committee-admin', opened.case.caseId)))
          return { skipped: 'the mediation was not created from the case event' };
        committeeCase = opened.case.caseId;
      } catch (e) {
        return gapOr(e);
      }
      const page = await newPage();
      await login(page, 'committee-admin');
      await page.goto(`/cases/${committeeCase}`);
      await settle(page);
      await page.locator('button:has-text("受理")').first().click();
      await page.waitForSelector('form.assign-form select[name=lead], .problem', {
        timeout: 15_000,
      });
      await settle(page);
      let failed = await noProblem(page, 'accept', '70-case-assign-form');
      if (failed) return failed;
      await page.selectOption('select[name=lead]', 'sm-2');
      await page.check('input[name=assistants][value="sm-3"]');
      await page.selectOption('select[name=chosenMediator]', 'sm-2');
      await page.selectOption('select[name=chosenBy]', { index: 1 });
      await shot(page, '70-case-assign-form');
      await page.click('button[data-action=assign]');
      await page.waitForSelector(
        'li[data-mediator="sm-2"][data-role=MEDIATOR_ROLE_LEAD], .problem',
        { timeout: 10_000 },
      );
      await settle(page);
      failed = await noProblem(page, 'assign', '71-case-assigned');
      if (failed) return failed;
      await shot(page, '71-case-assigned');
      // The respondent asks the assistant to step aside.
      await page.selectOption('select[name=recusalParty]', { index: 1 });
      await page.selectOption('select[name=recusalMediator]', 'sm-3');
      await page.fill('input[name=recusalReason]', '与申请人系同事');
      await page.click('button[data-action=recusal]');
      await page.waitForSelector('[data-recused*="sm-3"], .problem', { timeout: 10_000 });
      await settle(page);
      failed = await noProblem(page, 'recusal', '72-case-recusal');
      if (failed) return failed;
      await shot(page, '72-case-recusal');
      const mediators = await page.locator('ul.assigned li').count();
      const chosen = await page.locator('li[data-mediator="sm-2"]').innerText();
      await page.close();
      if (mediators !== 1) throw new Error(`${mediators} mediators after the recusal`);
      return `lead: ${chosen}`;
    },
  );

  await step(
    'committee admin: schedules a session (the API’s field errors shown), records it with a no-show',
    async () => {
      if (!committeeCase) return { skipped: 'no committee case' };
      const page = await newPage();
      await login(page, 'committee-admin');
      await page.goto(`/cases/${committeeCase}`);
      await page.waitForSelector('form.schedule-form');
      await settle(page);
      // No place: the gateway's validation problem appears next to the form.
      await page.fill('input[name=scheduledPlace]', '');
      await page.click('button[data-action=schedule]');
      await page.waitForSelector('form.schedule-form .problem[data-status="400"]', {
        timeout: 10_000,
      });
      const fieldError = await page.locator('form.schedule-form .problem li').first().innerText();
      await shot(page, '73-session-validation');
      await page.fill('input[name=scheduledPlace]', '街道人民调解室');
      await page.selectOption('select[name=scheduledVisibility]', 'SESSION_VISIBILITY_PRIVATE');
      await page.click('button[data-action=schedule]');
      await page.waitForSelector('tr[data-held=false], .problem', { timeout: 10_000 });
      await settle(page);
      let failed = await noProblem(page, 'schedule', '74-session-scheduled');
      if (failed) return failed;
      await shot(page, '74-session-scheduled');
      // Held: the applicant came, the respondent did not.
      await page.locator('select[name^="attendance."]').nth(1).selectOption('noShow');
      await page.fill('input[name=durationMinutes]', '45');
      await page.selectOption('select[name=sessionOutcome]', 'SESSION_OUTCOME_CONTINUE');
      await page.fill('textarea[name=sessionSummary]', '被申请人未到场，电话联系后约定再次调解。');
      await page.click('button[data-action=record-session]');
      await page.waitForSelector('tr[data-held=true], .problem', { timeout: 10_000 });
      await settle(page);
      failed = await noProblem(page, 'record the session', '75-session-recorded');
      if (failed) return failed;
      // A second, unscheduled session on the spot, both present.
      await page.selectOption('select[name=sessionId]', '');
      await page.fill('input[name=heldPlace]', '社区服务中心');
      await page.selectOption('select[name=sessionOutcome]', 'SESSION_OUTCOME_AGREEMENT_LIKELY');
      await page.fill('textarea[name=sessionSummary]', '双方当面协商，基本达成一致。');
      await page.click('button[data-action=record-session]');
      await page.waitForFunction(
        () => document.querySelectorAll('tr[data-held=true]').length >= 2,
        undefined,
        { timeout: 10_000 },
      );
      await settle(page);
      failed = await noProblem(page, 'record a session on the spot', '75-session-recorded');
      if (failed) return failed;
      await shot(page, '75-session-recorded');
      const noShow = await page.locator('tr[data-held=true]').first().innerText();
      await page.close();
      if (!noShow.includes('未到场')) throw new Error(`no no-show shown: ${noShow}`);
      return `validation: ${fieldError}`;
    },
  );

  await step(
    'committee admin: agreement, then requests judicial confirmation and records the court’s decisions',
    async () => {
      if (!committeeCase) return { skipped: 'no committee case' };
      const court = (await claimsOf('lawyer')).institution_code;
      const page = await newPage();
      await login(page, 'committee-admin');
      await page.goto(`/cases/${committeeCase}`);
      await page.waitForSelector('button[data-consent]');
      await settle(page);
      const consents = page.locator('button[data-consent]');
      for (let i = 0, n = await consents.count(); i < n; i++) {
        await consents.nth(i).click();
        await settle(page);
      }
      await page.fill('textarea[name=facts]', '双方因货款结算发生争议。');
      await page.fill('textarea[name=issues]', '货款数额及支付期限。');
      await page.fill('textarea[name=terms]', '钱七于三十日内向赵六支付货款八千元。');
      await page.click('button:has-text("达成协议")');
      await page.waitForSelector('form.jc-request-form, .problem', { timeout: 15_000 });
      await settle(page);
      let failed = await noProblem(page, 'agreement', '76-confirmation-form');
      if (failed) return failed;
      const suggested = await page.inputValue('input[name=courtCode]');
      await page.fill('input[name=courtCode]', court);
      await shot(page, '76-confirmation-form');
      await page.click('button[data-action=request-confirmation]');
      const status = (s) =>
        page.waitForSelector(`section[data-status="JUDICIAL_CONFIRMATION_STATUS_${s}"], .problem`, {
          timeout: 10_000,
        });
      await status('REQUESTED');
      await settle(page);
      failed = await noProblem(page, 'request', '77-confirmation-requested');
      if (failed) return failed;
      await shot(page, '77-confirmation-requested');
      await page.selectOption('select[name=courtResult]', 'JUDICIAL_CONFIRMATION_RESULT_ACCEPTED');
      await page.fill('input[name=confirmationNumber]', '（2026）辽0202民特88号');
      await page.click('button[data-action=record-confirmation]');
      await status('ACCEPTED');
      await settle(page);
      failed = await noProblem(page, 'court accepted', '78-confirmation-accepted');
      if (failed) return failed;
      await shot(page, '78-confirmation-accepted');
      await page.selectOption('select[name=courtResult]', 'JUDICIAL_CONFIRMATION_RESULT_CONFIRMED');
      await page.click('button[data-action=record-confirmation]');
      await status('CONFIRMED');
      await settle(page);
      failed = await noProblem(page, 'court confirmed', '79-confirmation-confirmed');
      if (failed) return failed;
      await shot(page, '79-confirmation-confirmed');
      await page.click('button[aria-label="language"]');
      await page.waitForSelector('text=Judicial confirmation');
      await shot(page, '79-confirmation-confirmed-en');
      const shown = await page.locator('section[data-section=confirmation] code').innerText();
      const steps = await page.locator('.timeline li').count();
      await page.close();
      if (!shown.includes('民特88号')) throw new Error(`调确字 number not shown: ${shown}`);
      return `${court}${suggested === court ? ' (suggested)' : ` (suggested ${suggested})`}, ${steps} timeline entries`;
    },
  );

  await step(
    'analyst: the dashboard renders KPIs, trend, drill-down, flow, alerts, report',
    async () => {
      const page = await newPage();
      await login(page, 'analyst');
      await page.goto('/dashboard');
      await page.waitForSelector('.kpi');
      await settle(page);
      await shot(page, '40-analyst-dashboard');
      const kpis = await page.locator('.kpi').count();
      if (kpis !== 6) throw new Error(`${kpis} KPI tiles`);
      const gap = await backendGap(page);
      await page.close();
      if (gap) return { skipped: `rendered; data missing: ${gap}` };
    },
  );

  await step(
    'analyst: watches the counters change without reloading, then drills down to the point',
    async () => {
      const page = await newPage();
      await login(page, 'analyst');
      await page.goto('/dashboard');
      try {
        await page.waitForSelector('.live.on', { timeout: 15_000 });
      } catch {
        const gap = await backendGap(page);
        await page.close();
        return { skipped: gap ?? 'the live summary stream did not start' };
      }
      const opened = page.locator('[data-kpi=opened] .kpi-value');
      const before = Number(await opened.innerText());
      const point = users.find((u) => u.id === 'volunteer').orgUnitCode;
      try {
        await newCase('volunteer', point);
      } catch (e) {
        await page.close();
        return gapOr(e);
      }
      await page.waitForFunction(
        ([sel, n]) => Number(document.querySelector(sel)?.textContent) > n,
        ['[data-kpi=opened] .kpi-value', before],
        { timeout: 60_000 },
      );
      await shot(page, '42-analyst-live-update');
      // City -> district -> street -> community -> point, following the point's code.
      for (const len of [6, 9, 12, 15]) {
        const code = point.slice(0, len);
        const link = page.locator(`table.drilldown button[data-code="${code}"]`);
        await link.waitFor({ timeout: 15_000 });
        await link.click();
        await settle(page);
        await shot(page, `43-analyst-drilldown-${code}`);
      }
      const crumbs = await page.locator('.breadcrumb button').count();
      await page.close();
      if (crumbs !== 5) throw new Error(`breadcrumb has ${crumbs} levels`);
    },
  );

  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

/** @type {import('@mediation/test-platform').Platform | undefined} */
let platform;

// The processes stop; this run's databases and topics go; the screenshots and logs stay.
async function stopAll() {
  await platform?.stop().catch((error) => console.error(`stopping the platform: ${error}`));
}

main()
  .catch((error) =>
    record('browser test run', 'failed', String(error && error.stack ? error.stack : error)),
  )
  .finally(async () => {
    await stopAll();
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
    const count = (s) => results.filter((r) => r.status === s).length;
    // The same totals for `npm test`'s closing line (tools/test-tally.js).
    const tally = path.join(__dirname, '../../.cache/test-tally');
    fs.mkdirSync(tally, { recursive: true });
    fs.writeFileSync(
      path.join(tally, 'gateway-browser.json'),
      JSON.stringify({
        passed: count('passed'),
        failed: count('failed'),
        skipped: count('skipped'),
      }),
    );
    console.log(
      `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`,
    );
    process.exitCode = count('failed') ? 1 : 0;
  });
