import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tally } = require('./test-tally.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { skippedTests } = require('./jest-tally-reporter.js');

const root = path.resolve(__dirname, '..', '..');
const clean = { passed: 12, failed: 0, skipped: 0, skippedTests: [] };

describe('test tally', () => {
  it('passes a run with tests passing and nothing skipped', () => {
    const result = tally({ 'intake-unit': clean, 'intake-integration': clean }, []);
    expect(result.line).toBe('24 passed, 0 failed, 0 skipped');
    expect(result.problems).toEqual([]);
  });

  it('fails on a failure, and on a run where nothing passed', () => {
    expect(tally({ 'intake-unit': { ...clean, failed: 1 } }, []).problems).toEqual(['1 failed']);
    expect(tally({}, []).problems).toEqual(['no test passed']);
  });

  it('fails on a skipped test that is not on the allow-list, naming it', () => {
    const name = 'services/mediation/test/x.int-spec.ts › consumer › applies an event once';
    const result = tally(
      { 'mediation-integration': { passed: 3, failed: 0, skipped: 1, skippedTests: [name] } },
      [],
    );
    expect(result.line).toBe('3 passed, 0 failed, 1 skipped');
    expect(result.problems).toEqual([
      `mediation-integration: skipped, and not on the allow-list: ${name}`,
    ]);
  });

  it('lets an allowed skip through, and lists it', () => {
    const name = 'tools/k8s/policy.spec.ts › policy on the chart › passes the large-city render';
    const result = tally(
      { 'k8s-unit': { passed: 3, failed: 0, skipped: 1, skippedTests: [name] } },
      [{ test: name, reason: 'needs helm' }],
    );
    expect(result.problems).toEqual([]);
    expect(result.allowedSkips).toEqual([name]);
  });

  it('refuses an allow-list entry without a reason', () => {
    const name = 'a.spec.ts › b';
    const result = tally({ 'x-unit': { passed: 1, failed: 0, skipped: 1, skippedTests: [name] } }, [
      { test: name, reason: ' ' },
    ]);
    expect(result.problems).toEqual([
      'allow-list entry "a.spec.ts › b" gives no reason',
      `x-unit: skipped, and not on the allow-list: ${name}`,
    ]);
  });

  it('fails on skips a runner counted but did not name', () => {
    const result = tally({ 'gateway-browser': { passed: 5, failed: 0, skipped: 2 } }, []);
    expect(result.problems).toEqual(['gateway-browser: 2 skipped test(s) the runner did not name']);
  });

  it("the project's allow-list names each test and says why it may be skipped", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const allowed = require('./test-skips.allow.json');
    expect(allowed.length).toBeLessThanOrEqual(1); // a known gap each, not a place to park tests
    expect(tally({ x: { passed: 1, failed: 0, skipped: 0 } }, allowed).problems).toEqual([]);
  });
});

describe('jest tally reporter', () => {
  it('names every test that did not run: skipped, todo, or left out by a focused test', () => {
    const suites = [
      {
        testFilePath: path.join(root, 'services/gateway/test/a.int-spec.ts'),
        testResults: [
          { status: 'passed', fullName: 'g ok', ancestorTitles: ['g'], title: 'ok' },
          { status: 'failed', fullName: 'g bad', ancestorTitles: ['g'], title: 'bad' },
          { status: 'pending', fullName: 'g later', ancestorTitles: ['g'], title: 'later' },
          { status: 'todo', fullName: 'g idea', ancestorTitles: ['g'], title: 'idea' },
          { status: 'skipped', fullName: 'top', ancestorTitles: [], title: 'top' },
        ],
      },
    ];
    expect(skippedTests(root, suites)).toEqual([
      'services/gateway/test/a.int-spec.ts › g › later',
      'services/gateway/test/a.int-spec.ts › g › idea',
      'services/gateway/test/a.int-spec.ts › top',
    ]);
  });
});
