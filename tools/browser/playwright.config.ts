import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { RESULTS } from './support/run-paths';

/**
 * The console's journeys in Debian's Chromium (tools/browser/install-chromium.sh) against the
 * platform that global-setup.ts starts. Run through `npx nx run gateway:browser-test`, which builds
 * the services and the gateway first.
 */
export default defineConfig({
  testDir: 'journeys',
  globalSetup: './global-setup.ts',
  // One worker: the journeys share one platform (and a committee's roster) within the run.
  workers: 1,
  fullyParallel: false,
  // A failure is reported as one; nothing is retried until it happens to pass.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous per journey: the machine is shared, and a journey is many pages.
  timeout: 5 * 60_000,
  globalTimeout: 40 * 60_000,
  expect: { timeout: 20_000 },
  outputDir: path.join(RESULTS, 'artifacts'),
  reporter: [
    ['list'],
    ['html', { outputFolder: path.join(RESULTS, 'report'), open: 'never' }],
    ['./tally.reporter.ts'],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    // A tablet in landscape, Chinese first.
    viewport: { width: 1180, height: 820 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    launchOptions: {
      // Debian's build: Playwright downloads no browser of its own here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
