import { allOf } from './all-of';

describe('allOf', () => {
  it('puts each field at the top level', () => {
    expect(allOf([])).toEqual({});
    expect(allOf([{ a: 1 }, {}, { b: { $in: [1, 2] }, c: 'x' }])).toEqual({
      a: 1,
      b: { $in: [1, 2] },
      c: 'x',
    });
  });

  it('keeps a condition whose key is taken in $and, so none is dropped or overwritten', () => {
    const statuses = { $or: [{ s: 1 }, { t: 1 }] };
    const cursor = { $or: [{ at: { $lt: 5 } }, { at: 5, _id: { $lt: 'x' } }] };
    expect(allOf([{ org: 'd' }, statuses, cursor])).toEqual({
      org: 'd',
      $or: statuses.$or,
      $and: [cursor],
    });
    expect(allOf([{ at: { $gte: 1 } }, { at: { $lt: 9 } }])).toEqual({
      at: { $gte: 1 },
      $and: [{ at: { $lt: 9 } }],
    });
    expect(allOf([{ a: 1 }, { $and: [{ b: 1 }] }])).toEqual({ a: 1, $and: [{ $and: [{ b: 1 }] }] });
  });
});
