/** Adds `./<name>` to @repo/api-contracts' exports (package.json text in, text out). */
export function addContractExport(packageJson: string, name: string): string {
  const pkg = JSON.parse(packageJson) as { exports?: Record<string, string> };
  const exports = { ...pkg.exports };
  if (exports[`./${name}`]) throw new Error(`@repo/api-contracts already exports ./${name}.`);
  exports[`./${name}`] = `./src/${name}.ts`;
  return `${JSON.stringify({ ...pkg, exports }, null, 2)}\n`;
}
