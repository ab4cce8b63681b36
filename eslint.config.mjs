// One lint configuration for the whole workspace, TypeScript and JavaScript alike. Module
// boundaries follow the Nx tags in each project.json: every project has one `type:*` (what it may
// use) and one `scope:*` (whose code it is: a service's own, or `scope:shared`); libraries never
// import apps, domain code stays free of data-access concerns, and a service's `domain/` imports
// no framework (docs/architecture.md, "Module boundaries").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The scopes of projects that are not shared: each may use only shared libraries and its own. */
const ownScopes = [
  'intake',
  'mediation',
  'referral',
  'statistics',
  'gateway',
  'console',
  'bootstrap',
  'seed',
  'parked',
  'e2e',
  'k8s',
  'workspace',
  'bench',
];

/** What a service's domain layer may not import: it is plain TypeScript (STYLE.md). */
const frameworkImports = {
  patterns: [
    {
      group: ['@nestjs/*', 'mongoose', 'kafkajs', '@grpc/*', '@mediation/contracts'],
      message:
        'domain/ is plain TypeScript: no Nest, mongoose, Kafka, gRPC or generated contracts. Map to and from them outside domain/.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.cache/**',
      '.stack/**',
      '.nx/**',
      'test-results/**',
      'libs/contracts/src/gen/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Node scripts and configuration: CommonJS unless .mjs.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    // .tsx: the console's React sources (typescript-eslint parses JSX from the extension).
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:domain',
                'type:data-access',
                'type:test-util',
                'type:harness',
              ],
            },
            {
              // Test harnesses (libs/test-platform): start the platform's apps as processes, by
              // path, for apps' tests; they never import an app.
              sourceTag: 'type:harness',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:domain',
                'type:data-access',
                'type:test-util',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:domain',
                'type:data-access',
                'type:test-util',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:util', 'type:domain', 'type:test-util'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:test-util'] },
            { sourceTag: 'type:test-util', onlyDependOnLibsWithTags: [] },
            // Scopes: shared libraries use only shared libraries; a service (or tool) uses shared
            // libraries and its own scope's, never another service's.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...ownScopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: ['scope:shared', `scope:${scope}`],
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['services/*/src/**/domain/**/*.ts'],
    rules: {
      // The typescript-eslint rule: it also sees `import type` and `import x = require()`.
      '@typescript-eslint/no-restricted-imports': ['error', frameworkImports],
    },
  },
  {
    // The console's components: the rules of hooks (the React Compiler rules of the plugin's
    // newer presets are not adopted).
    files: ['services/console/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
