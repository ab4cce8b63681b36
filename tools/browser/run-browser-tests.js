#!/usr/bin/env node
// Browser tests of the web console against the real platform: the local stack (Kafka + FerretDB),
// the four gRPC services and the gateway, all started here from their built dist/ (run through
// `npx nx run gateway:browser-test`, which builds first and installs Debian's Chromium).
// Playwright (playwright-core) drives /usr/bin/chromium; every page is saved as a screenshot under
// test-results/browser/. Steps that need a backend feature that is not implemented yet (the
// gateway answers 501, or the service is unavailable: 503) are reported as skipped, with why.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'test-results', 'browser');
const logs = path.join(out, 'logs');
const children = [];
const results = [];

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function start(name, script, env) {
  const log = fs.openSync(path.join(logs, `${name}.log`), 'w');
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', METRICS_PORT: '0', ...env },
    stdio: ['ignore', log, log],
  });
  child.name = name;
  children.push(child);
  return child;
}

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
  execFileSync(process.execPath, [path.join(root, 'tools/bootstrap/dist/main.js')], {
    stdio: 'inherit',
    cwd: root,
  });

  // The services, each with its own database for this run and its own consumer groups.
  const run = `bt${Date.now().toString(36)}`;
  const ports = {};
  for (const svc of ['intake', 'mediation', 'referral', 'statistics'])
    ports[svc] = await freePort();
  for (const svc of Object.keys(ports)) databases.push(`${run}_${svc}`);
  const common = (svc) => ({
    SERVICE_NAME: svc,
    GRPC_PORT: String(ports[svc]),
    MONGO_DB: `${run}_${svc}`,
  });
  start('intake', 'services/intake/dist/main.js', common('intake'));
  start('mediation', 'services/mediation/dist/main.js', {
    ...common('mediation'),
    MEDIATION_CONSUMER_GROUP: `${run}-mediation`,
  });
  start('referral', 'services/referral/dist/main.js', {
    ...common('referral'),
    INTAKE_GRPC_URL: `127.0.0.1:${ports.intake}`,
    REFERRAL_CONSUMER_GROUP: `${run}-referral`,
  });
  start('statistics', 'services/statistics/dist/main.js', {
    ...common('statistics'),
    STATISTICS_CONSUMER_GROUP: `${run}-statistics`,
  });
  const httpPort = await freePort();
  start('gateway', 'services/gateway/dist/main.js', {
    NODE_ENV: 'development',
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    INTAKE_GRPC_URL: `127.0.0.1:${ports.intake}`,
    MEDIATION_GRPC_URL: `127.0.0.1:${ports.mediation}`,
    REFERRAL_GRPC_URL: `127.0.0.1:${ports.referral}`,
    STATISTICS_GRPC_URL: `127.0.0.1:${ports.statistics}`,
    RATE_LIMIT: '5000',
  });
  const base = `http://127.0.0.1:${httpPort}`;
  await waitFor('the gateway', async () => (await fetch(`${base}/healthz`)).ok);
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

const databases = [];

async function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  // This run's databases go; the screenshots and logs stay.
  if (databases.length === 0) return;
  const { MongoClient } = require('mongodb');
  const client = new MongoClient(process.env.MONGO_URL || 'mongodb://127.0.0.1:27017');
  try {
    await client.connect();
    for (const name of databases)
      await client
        .db(name)
        .dropDatabase()
        .catch(() => undefined);
  } catch {
    /* best effort */
  } finally {
    await client.close().catch(() => undefined);
  }
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
