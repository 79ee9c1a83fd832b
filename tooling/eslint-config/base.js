// Shared flat config for every package. Apps and packages spread it into their eslint.config.js.
import js from '@eslint/js';
import turbo from 'eslint-plugin-turbo';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Files allowed to read `process.env`. Everything else receives a typed, frozen config from a
 * loader in @repo/auth-config, so a variable can never be read without being validated first.
 */
export const envLoaderFiles = ['**/src/env/**', '**/*.env.ts', '**/env-loader.ts'];

const processEnvMessage =
  'Read configuration through an env loader from @repo/auth-config (files under src/env/ or *.env.ts), never process.env directly.';

/** @type {import('typescript-eslint').ConfigArray} */
export const base = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    plugins: { turbo },
    rules: {
      'turbo/no-undeclared-env-vars': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: processEnvMessage },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Destructuring `const { env } = process` would slip past no-restricted-properties.
          selector:
            "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
          message: processEnvMessage,
        },
      ],
    },
  },
  {
    files: envLoaderFiles,
    rules: {
      'no-restricted-properties': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
