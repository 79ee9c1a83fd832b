import { next } from '@repo/eslint-config/next';

export default next;
