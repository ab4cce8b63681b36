import { judgeSpike } from './spike-rule';

describe('spike rule', () => {
  it('judges a spike against the rolling baseline and the minimum', () => {
    const rule = { windowDays: 4, factor: 3, minCount: 5 };
    expect(judgeSpike(rule, 5, [1, 1, 1, 1])).toEqual({ spike: true, baseline: 1, threshold: 5 });
    expect(judgeSpike(rule, 5, [2, 2, 2, 2]).spike).toBe(false);
  });
});
