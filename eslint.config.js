// @ts-check
import tseslint from 'typescript-eslint';

/** Imports that would make `domain/` impure or pull I/O into the deterministic workflow sandbox. */
const impureImports = [
  {
    group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process'],
    message: 'domain/ and workflows/ stay free of Node built-ins (determinism, purity).',
  },
  {
    group: ['@mikro-orm/*', 'hono', 'hono/*', '@hono/*', 'pg', 'jose'],
    message: 'No database, HTTP or auth frameworks here: do that in activities/ or api/.',
  },
  {
    group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker'],
    message: 'Workflows talk to the outside world only through proxied activities.',
  },
  {
    group: ['../activities/*', '../api/*', '../db/*'],
    message: 'Import activities as types only (`import type`).',
    allowTypeImports: true,
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.cache/**',
      'data/**',
      'dist/**',
      'test-results/**',
      '.tmp/**',
      'eslint.config.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...impureImports,
            { group: ['@temporalio/*'], message: 'domain/ does not know about Temporal.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'No I/O in domain/.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is a parameter in domain/.' },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impureImports }] },
  },
);
