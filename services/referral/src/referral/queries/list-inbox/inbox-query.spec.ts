import { decodeCursor, encodeCursor, inboxFilter, pageSize } from './inbox-query';

const now = new Date('2026-11-25T00:00:00Z');

describe('inbox query', () => {
  it('limits every filter to the desk', () => {
    expect(inboxFilter('D1', 'ALL', 'u', now, null)).toEqual({ 'desk.code': 'D1' });
    expect(inboxFilter('D1', 'PENDING', 'u', now, null)).toEqual({
      'desk.code': 'D1',
      status: 'PENDING',
    });
    expect(inboxFilter('D1', 'MINE', 'u', now, null)).toEqual({
      'desk.code': 'D1',
      status: 'CLAIMED',
      claimedBy: 'u',
    });
    expect(inboxFilter('D1', 'OVERDUE', 'u', now, null)).toEqual({
      'desk.code': 'D1',
      status: { $in: ['PENDING', 'CLAIMED', 'IN_MEDIATION'] },
      activeDueAt: { $ne: null, $lte: now },
    });
  });

  it('resumes after the cursor in (due, id) order', () => {
    const after = { dueAt: now, id: 'r5' };
    expect(inboxFilter('D1', 'ALL', 'u', now, after)).toEqual({
      'desk.code': 'D1',
      $or: [{ sortDueAt: { $gt: now } }, { sortDueAt: now, _id: { $gt: 'r5' } }],
    });
    expect(decodeCursor(encodeCursor(after))).toEqual(after);
  });

  it('rejects foreign tokens and bounds the page size', () => {
    expect(decodeCursor('not-a-token')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"d":"x","i":1}').toString('base64url'))).toBeUndefined();
    expect(pageSize(0)).toBe(50);
    expect(pageSize(10_000)).toBe(500);
    expect(pageSize(7)).toBe(7);
  });
});
