// Unit tests: *.spec.ts next to the code, no I/O. Run per project with --rootDir.
const { swcTransform, workspaceModules } = require('./jest.shared');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: swcTransform,
  moduleNameMapper: workspaceModules,
  reporters: [
    'default',
    [require.resolve('./tools/workspace/jest-tally-reporter.js'), { kind: 'unit' }],
  ],
};
