import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { decodeCursor, encodeCursor, inboxFilter, inboxScope } from './inbox-query';

const directory = orgDirectory();
const { Role } = commonV1;
const who = (roles: commonV1.Role[], extra: Partial<commonV1.Principal> = {}) =>
  commonV1.Principal.fromPartial({ subject: 'u1', roles, orgUnitCode: '210202002001', ...extra });

describe('inboxScope', () => {
  it('gives subtree staff their subtree, and a committee-bound user only its committee', () => {
    expect(inboxScope(who([Role.ROLE_MEDIATOR]), directory)).toEqual({ chain: '210202002001' });
    expect(
      inboxScope(who([Role.ROLE_COMMITTEE_ADMIN], { committeeCode: 'MC-210202002001' }), directory),
    ).toEqual({ chain: '210202002001', committeeCode: 'MC-210202002001' });
  });

  it('gives administrators everything', () => {
    expect(inboxScope(who([Role.ROLE_ADMINISTRATOR], { orgUnitCode: '' }), directory)).toEqual({});
  });

  it('gives nothing to analysts, stationed lawyers, parties and units the directory does not know', () => {
    expect(inboxScope(who([Role.ROLE_ANALYST]), directory)).toBeUndefined();
    expect(inboxScope(who([Role.ROLE_STATIONED_LAWYER]), directory)).toBeUndefined();
    expect(
      inboxScope(
        who([Role.ROLE_PARTY, Role.ROLE_ADMINISTRATOR], { subject: 'party:x' }),
        directory,
      ),
    ).toBeUndefined();
    expect(
      inboxScope(who([Role.ROLE_MEDIATOR], { orgUnitCode: '999999' }), directory),
    ).toBeUndefined();
  });
});

describe('inboxFilter and its cursor', () => {
  it('keeps the scope and the unread condition at the top level', () => {
    expect(inboxFilter({ chain: 'X' }, 'u1', true, null)).toEqual({
      chain: 'X',
      readBy: { $ne: 'u1' },
    });
  });

  it('continues after the last item of a page: older, or as old with a smaller id', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const token = encodeCursor({ at, id: 'e-5' });
    expect(decodeCursor(token)).toEqual({ at, id: 'e-5' });
    expect(inboxFilter({}, 'u1', false, decodeCursor(token)!)).toEqual({
      occurredAt: { $lte: at },
      $or: [{ occurredAt: { $lt: at } }, { _id: { $lt: 'e-5' } }],
    });
  });

  it('refuses a token it did not issue', () => {
    expect(decodeCursor('not-a-token')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"t":"x","i":1}').toString('base64url'))).toBeUndefined();
  });
});
