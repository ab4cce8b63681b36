import { status } from '@grpc/grpc-js';
import { referralV1 } from '@mediation/contracts';
import { grpcCode, principals, ReferralHarness } from './support/referral-harness';

// Administrators manage who staffs a desk; the desk's lawyers may read the roster.
const DESK = 'PET-210200-D01';
let h: ReferralHarness;
beforeAll(async () => {
  h = await ReferralHarness.start();
});
afterAll(() => h?.stop());

it('replaces a roster with optimistic concurrency, for administrators only', async () => {
  const staff = [
    {
      lawyerId: 'l-1',
      displayName: '公益律师甲',
      role: referralV1.DeskStaffRole.DESK_STAFF_ROLE_LAWYER,
    },
    {
      lawyerId: 's-1',
      displayName: '主任',
      role: referralV1.DeskStaffRole.DESK_STAFF_ROLE_SUPERVISOR,
    },
  ];
  const lawyer = principals.lawyer('l-1', DESK, 'PET-210200');
  expect(
    await grpcCode(
      h.call('assignDeskStaff', { deskCode: DESK, expectedVersion: '0', staff }, lawyer),
    ),
  ).toBe(status.PERMISSION_DENIED);

  const first = await h.call(
    'assignDeskStaff',
    { deskCode: DESK, expectedVersion: '0', staff },
    principals.admin(),
  );
  expect(first.desk).toMatchObject({ version: '1', desk: { code: DESK }, name: '访调对接窗口' });
  // A second administrator working from the old version loses.
  expect(
    await grpcCode(
      h.call(
        'assignDeskStaff',
        { deskCode: DESK, expectedVersion: '0', staff },
        principals.admin(),
      ),
    ),
  ).toBe(status.ABORTED);
  expect(
    await grpcCode(
      h.call(
        'assignDeskStaff',
        { deskCode: DESK, expectedVersion: '1', staff: [staff[0], staff[0]] },
        principals.admin(),
      ),
    ),
  ).toBe(status.INVALID_ARGUMENT);

  expect(
    await grpcCode(
      h.call(
        'assignDeskStaff',
        { deskCode: 'NO-SUCH-DESK', expectedVersion: '0', staff },
        principals.admin(),
      ),
    ),
  ).toBe(status.INVALID_ARGUMENT);

  const listed = await h.call('listDeskStaff', { deskCode: DESK }, lawyer);
  expect(listed.desk!.staff.map((s) => [s.lawyerId, s.role, s.active])).toEqual([
    ['l-1', referralV1.DeskStaffRole.DESK_STAFF_ROLE_LAWYER, true],
    ['s-1', referralV1.DeskStaffRole.DESK_STAFF_ROLE_SUPERVISOR, true],
  ]);
  const other = principals.lawyer('x', 'PET-210202-D01', 'PET-210202');
  expect(await grpcCode(h.call('listDeskStaff', { deskCode: DESK }, other))).toBe(
    status.PERMISSION_DENIED,
  );
});
