import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  FullResult,
  Reporter,
  TestCase,
  TestError,
  TestResult,
} from '@playwright/test/reporter';

const TALLY = path.resolve(__dirname, '../../.cache/test-tally/browser.json');

/**
 * Writes the run's totals to .cache/test-tally/browser.json, as tools/workspace/jest-tally-reporter.js does
 * for jest, so that `npm test` closes with one line over every runner; skipped tests are named,
 * for the tally's allow-list. An error outside any test (the global setup, a file that does not
 * load) or a run that did not finish counts as a failure: nothing may pass by not running.
 */
export default class TallyReporter implements Reporter {
  private readonly outcomes = new Map<TestCase, TestResult['status']>();
  private errors = 0;

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test, result.status);
  }

  onError(_error: TestError): void {
    this.errors++;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = this.errors;
    const skippedTests: string[] = [];
    for (const [test, status] of this.outcomes) {
      if (status === 'passed') passed++;
      else if (status === 'skipped')
        skippedTests.push(test.titlePath().filter(Boolean).join(' › '));
      else failed++;
    }
    if (result.status !== 'passed' && failed === 0) failed = 1;
    // `--list` runs nothing and passes: no tally to count.
    if (this.outcomes.size === 0 && failed === 0) return;
    const tally = { passed, failed, skipped: skippedTests.length, skippedTests };
    mkdirSync(path.dirname(TALLY), { recursive: true });
    writeFileSync(TALLY, JSON.stringify(tally));
    console.log(`${passed} passed, ${failed} failed, ${skippedTests.length} skipped`);
  }
}
