// @ts-check
// Writes each jest run's totals, and the name of every test it skipped, to
// .cache/test-tally/<project>-<kind>.json, so that `npm test` can close with one
// "N passed, N failed, N skipped" line over every project and refuse skips nobody allowed
// (test-tally.js). Nx restores the file with a cached result, so cached projects count too.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * "<file relative to the workspace> › <describe> › <test>" for every test that did not run
 * (skip, todo, or left out by a focused test).
 * @param {string} workspaceRoot
 * @param {{ testFilePath: string, testResults: { status: string, fullName: string, ancestorTitles: string[], title: string }[] }[]} suites
 */
function skippedTests(workspaceRoot, suites) {
  /** @type {string[]} */
  const out = [];
  for (const suite of suites) {
    const file = path.relative(workspaceRoot, suite.testFilePath).split(path.sep).join('/');
    for (const test of suite.testResults) {
      if (test.status === 'passed' || test.status === 'failed') continue;
      out.push([file, ...test.ancestorTitles, test.title].join(' › '));
    }
  }
  return out;
}

class TallyReporter {
  /** @param {{ rootDir: string }} globalConfig @param {{ kind: string }} options */
  constructor(globalConfig, options) {
    this.rootDir = globalConfig.rootDir;
    this.kind = options.kind;
  }

  /** @param {unknown} _contexts @param {any} results */
  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '../../.cache/test-tally');
    fs.mkdirSync(dir, { recursive: true });
    const project = path.basename(this.rootDir);
    fs.writeFileSync(
      path.join(dir, `${project}-${this.kind}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        skippedTests: skippedTests(path.join(__dirname, '../..'), results.testResults),
      }),
    );
  }
}

module.exports = TallyReporter;
module.exports.skippedTests = skippedTests;
