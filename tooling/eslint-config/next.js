// Next.js apps: the base rules plus browser globals for client components.
import globals from 'globals';
import { base } from './base.js';

/** @type {import('typescript-eslint').ConfigArray} */
export const next = [
  ...base,
  {
    files: ['**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
];

export default next;
