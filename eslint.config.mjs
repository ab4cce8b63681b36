// One lint configuration for the whole workspace. Module boundaries follow the Nx tags in each
// project.json: apps may use any library, libraries never import apps, and domain code stays
// free of data-access concerns.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.cache/**',
      '.stack/**',
      '.nx/**',
      'libs/contracts/src/gen/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // .tsx: the console's React sources (typescript-eslint parses JSX from the extension).
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
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
          ],
        },
      ],
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
