// Integration tests: *.int-spec.ts against the real Kafka broker and MongoDB-wire server.
// The global setup starts the local stack when it is not running (deploy/local/stack.sh).
const path = require('node:path');
const { swcTransform, workspaceModules } = require('./jest.shared');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.int-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: swcTransform,
  moduleNameMapper: workspaceModules,
  reporters: [
    'default',
    [require.resolve('./tools/workspace/jest-tally-reporter.js'), { kind: 'integration' }],
  ],
  globalSetup: path.join(__dirname, 'libs/testing/src/global-setup.js'),
  globalTeardown: path.join(__dirname, 'libs/testing/src/global-teardown.js'),
  testTimeout: 120_000,
  maxWorkers: 1,
  // No forceExit: every suite closes what it opened (clients, servers, timers), so jest exits on
  // its own. A leak fails the run a minute after the last suite, naming what was left open
  // (global-teardown.js); find where with --detectOpenHandles.
};
