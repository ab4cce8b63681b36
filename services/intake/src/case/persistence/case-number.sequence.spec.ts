import { CaseNumberSequence, type CaseNumberStore } from './case-number.sequence';

const store = (over: Partial<CaseNumberStore>): CaseNumberStore => ({
  recordedMax: async () => 0,
  exactMax: async () => 0,
  record: async () => undefined,
  ...over,
});

describe('CaseNumberSequence', () => {
  it('starts after the highest number taken and then trusts its own hint', async () => {
    const reads: string[] = [];
    const recorded: number[] = [];
    const seq = new CaseNumberSequence(
      store({
        recordedMax: async (c, y) => {
          reads.push(`${c}:${y}`);
          return 41;
        },
        record: async (_c, _y, n) => void recorded.push(n),
      }),
    );
    expect(await seq.first('MC-1', 2026)).toBe(42);
    await seq.taken('MC-1', 2026, 42);
    expect(await seq.first('MC-1', 2026)).toBe(43);
    expect(reads).toEqual(['MC-1:2026']);
    expect(recorded).toEqual([42]);
  });

  it('after a clash continues behind whoever is furthest ahead', async () => {
    let max = 10;
    const seq = new CaseNumberSequence(store({ exactMax: async () => max }));
    expect(await seq.afterClash('MC-1', 2026, 5)).toBe(11);
    max = 3;
    expect(await seq.afterClash('MC-1', 2026, 12)).toBe(13);
  });

  it('runs the inserts of one committee and year one at a time, others in parallel', async () => {
    const seq = new CaseNumberSequence(store({}));
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (name === 'a2') throw new Error('boom');
      return name;
    };
    const results = await Promise.allSettled([
      seq.serialise('MC-A', 2026, step('a1', 20)),
      seq.serialise('MC-A', 2026, step('a2', 5)),
      seq.serialise('MC-A', 2026, step('a3', 1)),
      seq.serialise('MC-B', 2026, step('b1', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const a = log.filter((l) => l.includes(' a'));
    expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
