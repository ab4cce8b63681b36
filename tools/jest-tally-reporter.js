// Writes each jest run's totals to .cache/test-tally/<project>-<kind>.json, so that `npm test`
// can close with one "N passed, N failed" line over every project (Nx restores the file with a
// cached result, so cached projects count too).
const fs = require('node:fs');
const path = require('node:path');

class TallyReporter {
  constructor(globalConfig, options) {
    this.rootDir = globalConfig.rootDir;
    this.kind = options.kind;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '../.cache/test-tally');
    fs.mkdirSync(dir, { recursive: true });
    const project = path.basename(this.rootDir);
    fs.writeFileSync(
      path.join(dir, `${project}-${this.kind}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests,
      }),
    );
  }
}

module.exports = TallyReporter;
