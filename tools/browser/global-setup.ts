import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Platform } from '@mediation/test-platform';
import { GATEWAY_URL_ENV, RESULTS } from './support/run-paths';

const ROOT = path.resolve(__dirname, '../..');
const LOGS = path.join(RESULTS, 'logs');

/**
 * The platform for the whole run, started once (one worker, the journeys share it): the local
 * stack (unless STACK_EXTERNAL=1 says it is managed elsewhere), the bootstrap, then the four
 * services and the gateway from their dist with this run's own databases, topics and consumer
 * groups, so that no earlier run's cases show up. Returns the teardown: the processes stop and
 * the run's databases and topics go; screenshots and logs stay.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Only this run's screenshots and logs (the directory also holds Playwright's own artifacts).
  mkdirSync(RESULTS, { recursive: true });
  for (const name of readdirSync(RESULTS))
    if (name.endsWith('.png') || name === 'logs')
      rmSync(path.join(RESULTS, name), { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });

  if (process.env.STACK_EXTERNAL !== '1')
    execFileSync('bash', [path.join(ROOT, 'deploy/local/stack.sh'), 'ensure'], {
      stdio: 'inherit',
    });
  // The bootstrap checks the org directory data and makes the platform's topics (as npm start
  // does); the run itself uses its own topics, made by the test platform.
  execFileSync(process.execPath, [path.join(ROOT, 'tools/bootstrap/dist/main.js')], {
    stdio: 'inherit',
    cwd: ROOT,
  });

  const platform = await Platform.start({
    name: 'browser',
    logLevel: 'info',
    logDir: LOGS,
    // The journeys' own requests and the console's reads come from one address.
    gateway: { env: { RATE_LIMIT: '5000' } },
    // Patience, not a check: on a busy shared machine a process may take minutes to serve.
    startTimeoutMs: 180_000,
  });
  try {
    await waitUntilReady(platform.gatewayUrl!);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  process.env[GATEWAY_URL_ENV] = platform.gatewayUrl;
  return () => platform.stop();
}

/** The gateway's /readyz: every service SERVING on grpc.health.v1. */
async function waitUntilReady(base: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the platform did not become ready within ${timeoutMs} ms (/readyz ${last})`);
}
