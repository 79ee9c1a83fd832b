/** `next dev` sets NODE_ENV=development; the CSP allows hot reload only then. */
export function isDevServer(): boolean {
  return process.env.NODE_ENV === 'development';
}

/** Next.js runs instrumentation once per runtime; the env check belongs to the Node.js one. */
export function isNodeRuntime(): boolean {
  // Set by Next.js itself in each runtime it loads, never by the deployment's environment.
  // eslint-disable-next-line turbo/no-undeclared-env-vars
  return process.env.NEXT_RUNTIME === 'nodejs';
}
