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
  testTimeout: 120_000,
  maxWorkers: 1,
  // A client a failed test left connected (a consumer retrying, say) must fail that run, not hang
  // it: Jest still names the open handles, then exits.
  forceExit: true,
};
