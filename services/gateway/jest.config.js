// The gateway's tests use the workspace's jest settings plus one addition: jose (v6) ships only
// ES modules, which jest's CommonJS runtime cannot require, so swc compiles it to CommonJS here.
// (Node itself loads it fine: require(esm) is on by default since 20.19.)
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');

module.exports = (kind) => {
  const base = require(
    path.join(root, kind === 'unit' ? 'jest.unit.config.js' : 'jest.int.config.js'),
  );
  const swc = base.transform['^.+\\.ts$'];
  return {
    ...base,
    rootDir: __dirname,
    transform: { ...base.transform, '^.+/node_modules/jose/.+\\.js$': swc },
    transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  };
};
