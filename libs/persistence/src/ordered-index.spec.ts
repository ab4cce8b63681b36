import { orderedIndex } from './ordered-index';

describe('orderedIndex', () => {
  it("names the index as MongoDB would, after the prefix the store's build looks for", () => {
    expect(orderedIndex({ registeredAt: -1, _id: -1 })).toEqual({
      name: 'ordered:registeredAt_-1__id_-1',
    });
    expect(orderedIndex({ nextDueAt: 1 })).toEqual({ name: 'ordered:nextDueAt_1' });
  });
});
