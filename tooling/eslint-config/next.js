// Next.js apps: the base rules, browser globals for client components, and the rules Next 16 no
// longer runs by itself: @next/next (core web vitals), react-hooks and jsx-a11y.
import { fixupPluginRules } from '@eslint/compat';
import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { base } from './base.js';

const a11y = jsxA11y.flatConfigs.recommended;

/** @type {import('typescript-eslint').ConfigArray} */
export const next = [
  ...base,
  {
    files: ['**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: {
      '@next/next': nextPlugin,
      'react-hooks': reactHooks,
      // jsx-a11y 6 is written for ESLint ≤ 9 (its peer range): fixupPluginRules gives its rules
      // the context methods ESLint 10 removed, should one of them still reach for them.
      'jsx-a11y': fixupPluginRules(jsxA11y),
    },
    languageOptions: a11y.languageOptions,
    rules: {
      ...nextPlugin.configs['core-web-vitals'].rules,
      ...reactHooks.configs.flat['recommended-latest'].rules,
      ...a11y.rules,
    },
  },
];
