import { status } from '@grpc/grpc-js';
import { MONGO_CONNECTION } from '@mediation/service-kit';
import { eventually, grpcHealthStatus } from '@mediation/testing';
import type { Connection } from 'mongoose';
import { MediationHarness, staff } from './support/mediation-harness';

// A service's stop and start as an operator (or Kubernetes) does them. Readiness is what a load
// balancer goes by: after a restart the service says SERVING only once its consumers have applied
// what waited for them while it was down, so the first command sent to it finds every mediation
// there. A stop lets the commands in flight finish and answer before the store is closed.

const COMMUNITY = '210202002001';
const MISSED = 150;

const h = new MediationHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

it('is not ready after a restart until its consumer has applied the events it missed', async () => {
  await eventually(async () =>
    (await grpcHealthStatus(h.address)) === 'SERVING' ? true : undefined,
  );
  await h.stopService();
  const missed: string[] = [];
  for (let i = 0; i < MISSED; i++) missed.push(await h.openCase(COMMUNITY));

  await h.boot();
  const seen = new Set<string>();
  await eventually(
    async () => {
      const status = await grpcHealthStatus(h.address);
      seen.add(status);
      return status === 'SERVING' ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 20, what: 'SERVING after the restart' },
  );
  const mediations = h.service.app
    .get<Connection>(MONGO_CONNECTION)
    .collection<{ _id: string }>('mediations');
  // Counted at the moment it first said SERVING: every missed case has its mediation.
  expect(await mediations.countDocuments({ _id: { $in: missed } })).toBe(MISSED);
  expect(seen).toContain('NOT_SERVING');
});

it('is ready after a restart with nothing missed, from the offsets its group committed', async () => {
  await h.stopService();
  await h.boot();
  await eventually(
    async () => ((await grpcHealthStatus(h.address)) === 'SERVING' ? true : undefined),
    {
      what: 'SERVING with nothing to catch up',
    },
  );
});

it('lets the commands in flight finish when it stops: each answer says what happened', async () => {
  const mediator = staff('MC-210202002001', COMMUNITY);
  const cases: string[] = [];
  for (let i = 0; i < 20; i++) cases.push(await h.openCase(COMMUNITY));
  const versions = await Promise.all(
    cases.map(async (id) => (await h.waitForMediation(id)).version),
  );

  const accepts = cases.map((mediationId, i) =>
    h.call('accept', { mediationId, expectedVersion: versions[i] }, mediator).then(
      () => ({ ok: true, at: Date.now(), code: status.OK }),
      (err: { code?: number }) => ({ ok: false, at: Date.now(), code: err.code }),
    ),
  );
  await new Promise((r) => setTimeout(r, 30)); // a sleep: the calls reach the server
  const stopping = Date.now();
  await h.stopService();
  const outcomes = await Promise.all(accepts);

  await h.boot();
  const after = await Promise.all(cases.map((id) => h.get(id)));
  // An answer never contradicts the store: OK exactly when the accept took effect.
  expect(outcomes.map((o) => o.ok)).toEqual(after.map((m, i) => m.version > versions[i]));
  // Some were still running when the stop began, and finished with their answer.
  expect(outcomes.filter((o) => o.ok && o.at >= stopping).length).toBeGreaterThan(0);
  // What did not reach it before the stop was refused as unavailable, not cut off.
  for (const o of outcomes.filter((x) => !x.ok)) expect(o.code).toBe(status.UNAVAILABLE);
});
