import { withEnvFiles, type EnvSource } from '@repo/auth-config';

/**
 * What web runs with: the shell's environment over the app folder's .env.local over .env, and for
 * `start` NODE_ENV=production whatever the shell says (the standalone server is the production
 * build; checking its env as anything else would pass what production refuses).
 */
export function webSource(appDir: string, mode: 'dev' | 'start'): EnvSource {
  const shell = mode === 'start' ? { ...process.env, NODE_ENV: 'production' } : process.env;
  return withEnvFiles(appDir, shell);
}
