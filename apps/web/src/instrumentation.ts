/**
 * Runs once per runtime when the server starts; the work is Node.js-only (instrumentation-node.ts).
 * Next.js replaces `process.env.NEXT_RUNTIME` with a literal in each bundle it compiles, so this
 * exact comparison lets the edge bundle drop the import: behind a helper function the compiler
 * cannot see it, pulls the env loader and the OpenTelemetry SDK into the edge bundle, and
 * `next dev` prints a page of "Node.js API not supported in the Edge Runtime" warnings.
 */
export async function register(): Promise<void> {
  // Set by Next.js itself in each runtime, never by the deployment's environment.
  // eslint-disable-next-line no-restricted-properties, turbo/no-undeclared-env-vars
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNode } = await import('./instrumentation-node');
    await registerNode();
  }
}
