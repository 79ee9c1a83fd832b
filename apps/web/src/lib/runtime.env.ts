/** `next dev` sets NODE_ENV=development; the CSP allows hot reload only then. */
export function isDevServer(): boolean {
  return process.env.NODE_ENV === 'development';
}
