#!/usr/bin/env node
// @ts-check
// Sums the per-project test totals in .cache/test-tally/ (written by jest-tally-reporter.js, and
// by any other runner in the same shape) into `npm test`'s closing line, and fails the run on a
// failure, on no test at all, and on any skipped test not on tools/workspace/test-skips.allow.json
// (each entry says why): a consumer that stopped consuming must not hide as "N skipped" in a
// green run.
//
// A report: { passed, failed, skipped, skippedTests?: string[] } (names as "<file> › <test>").
// usage: node tools/workspace/test-tally.js    exit 1 on any of the above
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TALLY_DIR = path.join(__dirname, '../../.cache/test-tally');
const ALLOW_FILE = path.join(__dirname, 'test-skips.allow.json');

/** @typedef {{ passed: number, failed: number, skipped: number, skippedTests?: string[] }} Report */
/** @typedef {{ test: string, reason: string }} AllowedSkip */

/**
 * @param {Record<string, Report>} reports by report name (the file name: <project>-<kind>)
 * @param {AllowedSkip[]} allowed
 */
function tally(reports, allowed) {
  /** @type {string[]} */
  const problems = [];
  const allowedNames = new Set();
  for (const entry of allowed) {
    if (!entry || typeof entry.test !== 'string' || !entry.test)
      problems.push(`allow-list entry without a test name: ${JSON.stringify(entry)}`);
    else if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
      problems.push(`allow-list entry "${entry.test}" gives no reason`);
    else allowedNames.add(entry.test);
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  /** @type {string[]} */
  const allowedSkips = [];
  for (const [name, report] of Object.entries(reports).sort(([a], [b]) => a.localeCompare(b))) {
    total.passed += report.passed;
    total.failed += report.failed;
    total.skipped += report.skipped;
    const named = report.skippedTests || [];
    for (const test of named) {
      if (allowedNames.has(test)) allowedSkips.push(test);
      else problems.push(`${name}: skipped, and not on the allow-list: ${test}`);
    }
    if (report.skipped > named.length)
      problems.push(
        `${name}: ${report.skipped - named.length} skipped test(s) the runner did not name`,
      );
  }
  if (total.failed > 0) problems.push(`${total.failed} failed`);
  if (total.passed === 0) problems.push('no test passed');
  const line = `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
  return { total, line, allowedSkips, problems };
}

function main() {
  /** @type {Record<string, Report>} */
  const reports = {};
  for (const file of fs.existsSync(TALLY_DIR) ? fs.readdirSync(TALLY_DIR).sort() : []) {
    if (file.endsWith('.json'))
      reports[file.slice(0, -'.json'.length)] = JSON.parse(
        fs.readFileSync(path.join(TALLY_DIR, file), 'utf8'),
      );
  }
  const result = tally(reports, JSON.parse(fs.readFileSync(ALLOW_FILE, 'utf8')));
  console.log(result.line);
  for (const test of result.allowedSkips) console.log(`skipped (allowed): ${test}`);
  for (const problem of result.problems) console.error(`test-tally: ${problem}`);
  return result.problems.length ? 1 : 0;
}

module.exports = { tally };

if (require.main === module) process.exitCode = main();
