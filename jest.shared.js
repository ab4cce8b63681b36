// What the unit and integration configs share: TypeScript through swc (decorator metadata on,
// for NestJS) and workspace libraries resolved to their sources, so tests need no prior build.
const path = require('node:path');

const swcTransform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const workspaceModules = {
  '^@mediation/([a-z-]+)$': path.join(__dirname, 'libs/$1/src'),
};

module.exports = { swcTransform, workspaceModules };
