import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BACKEND_SERVICES, Platform } from '@mediation/test-platform';
import { freePort } from '@mediation/testing';
import {
  GATEWAY_URL_ENV,
  SMS_LOG_ENV,
  OIDC_ACCESS_TOKEN_TTL_SECONDS,
  OIDC_GATEWAY_URL_ENV,
  OIDC_ISSUER_ENV,
  OIDC_REFRESH_TOKEN_TTL_SECONDS,
  RESULTS,
} from './support/run-paths';

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
    // The notification service too: the case page shows the texts to the parties.
    services: [...BACKEND_SERVICES, 'notification'],
    logLevel: 'info',
    logDir: LOGS,
    // The journeys' own requests and the console's reads come from one address.
    gateway: { env: { RATE_LIMIT: '5000' } },
    // Patience, not a check: on a busy shared machine a process may take minutes to serve.
    startTimeoutMs: 180_000,
  });
  let oidc: ChildProcess[] = [];
  try {
    await waitUntilReady(platform.gatewayUrl!);
    oidc = await startOidc(platform);
  } catch (error) {
    await Promise.all(oidc.map(stop));
    await platform.stop();
    throw error;
  }
  process.env[GATEWAY_URL_ENV] = platform.gatewayUrl;
  process.env[SMS_LOG_ENV] = platform.smsLog;
  return async () => {
    await Promise.all(oidc.map(stop));
    await platform.stop();
  };
}

/**
 * The local OIDC provider (tools/oidc) with short token lifetimes, and a second gateway in front
 * of the same services that signs people in there instead of through the dev issuer.
 */
async function startOidc(platform: Platform): Promise<ChildProcess[]> {
  const [providerPort, gatewayPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${providerPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const provider = node('oidc', 'tools/oidc/main.mjs', {
    OIDC_PORT: String(providerPort),
    OIDC_CONSOLE_ORIGINS: gatewayUrl,
    OIDC_ACCESS_TOKEN_TTL_SECONDS: String(OIDC_ACCESS_TOKEN_TTL_SECONDS),
    OIDC_REFRESH_TOKEN_TTL_SECONDS: String(OIDC_REFRESH_TOKEN_TTL_SECONDS),
  });
  const gateway = node('gateway-oidc', 'services/gateway/dist/main.js', {
    ...platform.gatewayEnv(gatewayPort),
    OIDC_ISSUER_URL: issuer,
    RATE_LIMIT: '5000',
  });
  const started = [provider, gateway];
  try {
    await waitFor(`${issuer}/.well-known/openid-configuration`, provider);
    await waitFor(`${gatewayUrl}/readyz`, gateway);
  } catch (error) {
    await Promise.all(started.map(stop));
    throw error;
  }
  process.env[OIDC_ISSUER_ENV] = issuer;
  process.env[OIDC_GATEWAY_URL_ENV] = gatewayUrl;
  return started;
}

/** A script of the workspace as a child process, its output in logs/<name>.log. */
function node(name: string, script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(path.join(LOGS, `${name}.log`), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: its process exited (see ${LOGS})`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (see ${LOGS})`);
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
