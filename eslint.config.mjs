// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'coverage/', 'node_modules/', '.tools/', 'data/', 'test/.tmp/', 'src/db/migrations/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A forgotten await loses errors and breaks ordering guarantees (and in workflows, determinism).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The contract layer crosses process and sandbox boundaries (bot, worker, workflow bundle): it
    // imports the workflow SDK and itself, nothing else, not even types. Guarded by a test too
    // (test/architecture/boundaries.unit.test.ts).
    files: ['src/contracts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\./)',
              message: 'src/contracts imports only @temporalio/workflow and src/contracts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code is replayed: it may import only the workflow SDK, the contracts and other
    // workflow files. Activities are reachable only as `import type` (for proxyActivities).
    files: ['src/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\./|\\.\\./contracts(/|$))',
              allowTypeImports: true,
              message:
                'Workflow code must stay deterministic: import only @temporalio/workflow, src/contracts, workflow files, or `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  prettier,
);
