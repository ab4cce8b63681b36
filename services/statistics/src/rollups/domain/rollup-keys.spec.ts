import { expandContributions } from './rollup-keys';

const chain = (code: string) => (code === 'p' ? ['p', 'c', 'city'] : [code, 'city']);

describe('expandContributions', () => {
  it('spreads a contribution over the unit, its ancestors and day/month/year', () => {
    const docs = expandContributions(
      [
        {
          orgUnitCode: 'p',
          atMs: Date.UTC(2026, 2, 1, 4),
          keys: { category: 'CAT' },
          counters: { opened: 1 },
        },
      ],
      chain,
    );
    expect(docs).toHaveLength(9);
    expect(docs.find((d) => d.id === 'c|2026-03')?.inc).toEqual({
      't.opened': 1,
      'd.category.CAT.opened': 1,
    });
  });

  it('merges what lands on one document and drops what cancels out', () => {
    const at = Date.UTC(2026, 2, 1, 4);
    const docs = expandContributions(
      [
        { orgUnitCode: 'p', atMs: at, keys: {}, counters: { escOut: 1, x: 1 } },
        { orgUnitCode: 'c', atMs: at, keys: {}, counters: { escIn: 1, x: -1 } },
      ],
      chain,
    );
    expect(docs.find((d) => d.id === 'city|2026')?.inc).toEqual({ 't.escOut': 1, 't.escIn': 1 });
    expect(docs.find((d) => d.id === 'p|2026')?.inc).toEqual({ 't.escOut': 1, 't.x': 1 });
  });

  it('keeps dimension-only increments out of the total', () => {
    const docs = expandContributions(
      [
        {
          orgUnitCode: 'x',
          atMs: 0,
          keys: { outcome: 'O' },
          counters: { closed: 1 },
          dimensionsOnly: true,
        },
      ],
      chain,
    );
    expect(docs[0].inc).toEqual({ 'd.outcome.O.closed': 1 });
  });
});

describe('backlog nets', () => {
  it('keeps backlog changes by day in the MONTH, by month in the YEAR and by year in the ALL document', () => {
    const docs = expandContributions(
      [
        {
          orgUnitCode: 'p',
          atMs: Date.UTC(2026, 2, 1, 4),
          keys: { category: 'CAT' },
          counters: { backlog: 1 },
        },
      ],
      chain,
    );
    expect(docs).toHaveLength(12);
    expect(docs.find((d) => d.id === 'c|2026-03')?.inc).toEqual({
      't.backlog': 1,
      'd.category.CAT.backlog': 1,
      'bl.2026-03-01.t': 1,
      'bl.2026-03-01.category.CAT': 1,
    });
    // the year holds twelve months of nets at most, never its days
    expect(docs.find((d) => d.id === 'c|2026')?.inc).toEqual({
      't.backlog': 1,
      'd.category.CAT.backlog': 1,
      'bl.2026-03.t': 1,
      'bl.2026-03.category.CAT': 1,
    });
    expect(docs.find((d) => d.id === 'c|2026-03-01')?.inc).toEqual({
      't.backlog': 1,
      'd.category.CAT.backlog': 1,
    });
    expect(docs.find((d) => d.id === 'city|ALL')).toMatchObject({
      granularity: 'ALL',
      inc: { 'bl.2026.t': 1, 'bl.2026.category.CAT': 1 },
    });
  });
});
