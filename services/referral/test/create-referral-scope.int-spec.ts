import { walkInCase } from './support/walk-in-case';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import mongoose from 'mongoose';
import { commonV1, referralV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { Platform } from '@mediation/test-platform';
import { eventually, testMongoUrl } from '@mediation/testing';
import { grpcCode, principals, ReferralHarness } from './support/referral-harness';

// CreateReferral against the REAL intake (a process from its build output, this run's own
// database and topics): a case opened a moment ago, before this service has consumed its events,
// is answered by what intake says about it, never by the caller's own place. A case intake does
// not know is refused with nothing written.
const { Role } = commonV1;
const directory = orgDirectory();
const pointIn = (district: string) =>
  directory.units('POINT').find((p) => p.active && directory.districtOf(p.code)?.code === district)!
    .code;
const OWN_POINT = pointIn('210202');
const OTHER_POINT = pointIn('210211');
const COURT = { desk: 'CRT-210202-D01', institution: 'CRT-210202' };

const mediator = commonV1.Principal.fromPartial({
  subject: 'mediator-210202',
  roles: [Role.ROLE_MEDIATOR],
  orgUnitCode: '210202',
});
const volunteer = (point: string) =>
  commonV1.Principal.fromPartial({
    subject: `volunteer-${point}`,
    roles: [Role.ROLE_VOLUNTEER],
    orgUnitCode: point,
    committeeCode: point,
  });

let platform: Platform;
let h: ReferralHarness;
let facts: mongoose.Connection;

beforeAll(async () => {
  platform = await Platform.start({ name: 'refscope', services: ['intake'] });
  h = await ReferralHarness.start({
    INTAKE_GRPC_URL: platform.addresses.intake,
    INTAKE_EVENTS_TOPIC: platform.topics.intakeCaseEvents,
  });
  facts = await mongoose
    .createConnection(testMongoUrl(), { dbName: h.config.MONGO_DB })
    .asPromise();
}, 120_000);

afterAll(async () => {
  await facts?.close();
  await h?.stop();
  await platform?.stop();
}, 60_000);

async function openCase(point: string): Promise<string> {
  const res = await platform.client('intake').call(
    'openCase',
    walkInCase(point, {
      peopleInvolved: 2,
      risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
    }),
    { principal: volunteer(point) },
  );
  return res.case!.caseId;
}

const refer = (caseId: string, principal: commonV1.Principal = mediator) =>
  h.call(
    'createReferral',
    {
      idempotencyKey: `k-${caseId}`,
      caseId,
      mediationId: caseId,
      kind: referralV1.ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE,
      institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
      deskCode: COURT.desk,
    },
    principal,
  );

/** Where this service's case facts (learnt from intake's events) place the case, if anywhere. */
const placeKnown = async (caseId: string) =>
  (
    await facts
      .collection<{ _id: string; orgUnitCode?: string }>('case_facts')
      .findOne({ _id: caseId })
  )?.orgUnitCode;

it('refuses a case of another district opened a moment ago, and once its events arrived', async () => {
  const caseIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const caseId = await openCase(OTHER_POINT);
    caseIds.push(caseId);
    expect({ i, code: await grpcCode(refer(caseId)) }).toEqual({
      i,
      code: status.PERMISSION_DENIED,
    });
  }
  // The events reach this service: the answer stays the same.
  for (const caseId of caseIds) {
    await eventually(async () => ((await placeKnown(caseId)) === OTHER_POINT ? true : undefined), {
      timeoutMs: 30_000,
      what: `case facts of ${caseId}`,
    });
    expect(await grpcCode(refer(caseId))).toBe(status.PERMISSION_DENIED);
  }
});

it('refers a case of its own district opened a moment ago, placed where intake has it', async () => {
  for (let i = 0; i < 3; i++) {
    const caseId = await openCase(OWN_POINT);
    const { referral, replayed } = await refer(caseId);
    expect({ i, replayed, caseId: referral?.caseId, desk: referral?.desk?.code }).toEqual({
      i,
      replayed: false,
      caseId,
      desk: COURT.desk,
    });
  }
});

it('refuses a case id intake does not know: NOT_FOUND, no referral, no event, no inbox', async () => {
  const unknown = randomUUID();
  for (const principal of [mediator, principals.service(), principals.admin()])
    expect(await grpcCode(refer(unknown, principal))).toBe(status.NOT_FOUND);
  expect(await grpcCode(refer('not-a-case-id', principals.service()))).toBe(status.NOT_FOUND);
  // Anything written would be in the outbox and published within a poll (200 ms): wait longer.
  await new Promise((r) => setTimeout(r, 2_000));
  expect(h.published.filter((e) => JSON.stringify(e.payload).includes(unknown))).toEqual([]);
  const inbox = await h.call(
    'listInbox',
    { deskCode: COURT.desk, filter: 0 },
    principals.lawyer('lawyer-1', COURT.desk, COURT.institution),
  );
  expect(inbox.referrals.map((r) => r.caseId)).not.toContain(unknown);
  expect(inbox.referrals.map((r) => r.caseId)).not.toContain('not-a-case-id');
});
