/**
 * How every browser run here starts Debian's Chromium (never a downloaded browser): headless, no
 * sandbox (CI runs as root), and nothing that would reach the network on its own.
 */
export const chromiumLaunchArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
