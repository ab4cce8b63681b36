// The fault suite (`npm run test:faults`): *.fault-spec.ts. Each suite runs a stack of its own
// (PrivateStack: a broker and a store it stops and starts), so the shared stack is not needed.
const path = require('node:path');
const int = require('./jest.int.config');

module.exports = {
  ...int,
  testMatch: ['**/*.fault-spec.ts'],
  globalSetup: undefined,
  reporters: [
    'default',
    [require.resolve('./tools/workspace/jest-tally-reporter.js'), { kind: 'faults' }],
  ],
  testTimeout: 600_000,
  rootDir: path.join(__dirname, 'tools/seed'),
};
