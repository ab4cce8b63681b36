import { status } from '@grpc/grpc-js';
import {
  commonV1,
  type GrpcInput,
  type GrpcRequestOf,
  type UnaryMethodName,
} from '@mediation/contracts';
import { fieldViolations } from '@mediation/service-kit';
import {
  COMMUNITY,
  failure,
  openCaseRequest,
  OTHER_COMMUNITY,
  principal,
  Role,
  startHarness,
  type Harness,
} from './intake-harness';

// AmendCase (before acceptance, with a reason, history kept) and WithdrawCase, with optimistic
// concurrency, scope checks and their events recorded in the outbox.

let h: Harness;
const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const call = <M extends UnaryMethodName<'intake'>>(
  rpc: M,
  req: GrpcInput<GrpcRequestOf<'intake', M>>,
  as = mediator,
) => h.client.call(rpc, req, { principal: as });
const sequenceAndVersion = async (caseId: string) => {
  const raw = await h.db.collection('cases').findOne({ _id: caseId as never });
  return { lastSequence: raw!.lastSequence as number, version: raw!.version as number };
};

it('amends a registered case with a reason, keeps the history and bumps the version', async () => {
  const { case: opened } = await call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }));
  const amended = await call('amendCase', {
    caseId: opened!.caseId,
    expectedVersion: opened!.version,
    reason: '登记时类别选错',
    changes: {
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT,
      peopleInvolved: 12,
      parties: {
        parties: opened!.parties.map((p, i) => ({
          ...p,
          partyId: p.partyId,
          idType: p.idType,
          idNumber: p.idNumber ?? '',
          phone: p.phone ?? '',
          address: p.address ?? '',
          name: i === 0 ? '张三丰' : p.name,
        })),
      },
    },
  });
  expect(amended.case).toMatchObject({
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT,
    peopleInvolved: 12,
    massDispute: true,
    version: '2',
    caseNumber: opened!.caseNumber,
  });
  expect(amended.case!.parties.map((p) => p.partyId)).toEqual(
    opened!.parties.map((p) => p.partyId),
  );
  expect(amended.case!.amendments).toEqual([
    expect.objectContaining({
      reason: '登记时类别选错',
      changedFields: ['category', 'people_involved', 'parties'],
      version: '2',
    }),
  ]);
  expect(await sequenceAndVersion(opened!.caseId)).toEqual({ lastSequence: 2, version: 2 });

  const stale = await failure(
    call('amendCase', {
      caseId: opened!.caseId,
      expectedVersion: '1',
      reason: 'x',
      changes: { description: 'y' },
    }),
  );
  expect(stale?.code).toBe(status.ABORTED);
  const noReason = await failure(
    call('amendCase', {
      caseId: opened!.caseId,
      expectedVersion: '2',
      reason: '',
      changes: { description: 'y' },
    }),
  );
  expect(noReason?.code).toBe(status.INVALID_ARGUMENT);
  expect(fieldViolations(noReason!.metadata).map((v) => v.field)).toEqual(['reason']);
  const moveAway = await failure(
    call('amendCase', {
      caseId: opened!.caseId,
      expectedVersion: '2',
      reason: 'x',
      changes: { orgUnitCode: OTHER_COMMUNITY },
    }),
  );
  expect(moveAway?.code).toBe(status.PERMISSION_DENIED);
});

it('withdraws with a reason, after which amendments are refused', async () => {
  const { case: opened } = await call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }));
  const outsider = await failure(
    call(
      'withdrawCase',
      { caseId: opened!.caseId, expectedVersion: '1', reason: '已和解' },
      principal(Role.ROLE_MEDIATOR, OTHER_COMMUNITY),
    ),
  );
  expect(outsider?.code).toBe(status.PERMISSION_DENIED);
  const withdrawn = await call('withdrawCase', {
    caseId: opened!.caseId,
    expectedVersion: '1',
    reason: '双方已自行和解',
    partyId: opened!.parties[0].partyId,
  });
  expect(withdrawn.case).toMatchObject({
    status: 5,
    withdrawalReason: '双方已自行和解',
    version: '2',
  });
  const raw = await h.db.collection('cases').findOne({ _id: opened!.caseId as never });
  expect(raw!.lastSequence).toBe(2);
  const late = await failure(
    call('amendCase', {
      caseId: opened!.caseId,
      expectedVersion: '2',
      reason: 'x',
      changes: { description: 'y' },
    }),
  );
  expect(late?.code).toBe(status.FAILED_PRECONDITION);
});
