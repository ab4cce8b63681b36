'use strict';
// The intake service as a child process (its own event loop, as in production) from its build
// output, on a free port, with a client for it.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { createGrpcClient } = require('@mediation/service-kit');
const { freePort, grpcHealthStatus } = require('@mediation/testing');

const MAIN = path.join(__dirname, '../../services/intake/dist/main.js');

async function waitServing(address, child, readyWithinMs) {
  for (const deadline = Date.now() + readyWithinMs; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`intake exited with code ${child.exitCode}`);
    if ((await grpcHealthStatus(address).catch(() => '')) === 'SERVING') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('intake did not become SERVING');
}

/** Starts intake with `env` over the current environment; resolves once it is SERVING. */
async function startIntake(env, { readyWithinMs = 60_000 } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      GRPC_PORT: String(port),
      METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const address = `127.0.0.1:${port}`;
  const client = createGrpcClient('intake', address);
  const stop = async () => {
    client.close();
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  try {
    await waitServing(address, child, readyWithinMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, client, stop };
}

module.exports = { startIntake };
