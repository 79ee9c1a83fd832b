import type { Report } from './runner';
import type { CheckResult, Status } from './result';

export const symbols: Record<Status, string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  info: 'i',
  skip: '-',
};

export function summarize(report: Report): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, info: 0, skip: 0 };
  for (const r of report.results) counts[r.status] += 1;
  return counts;
}

/** The human table: one row per check, and under every ✗ (and warning) the fix on one line. */
export function renderTable(report: Report): string {
  const subjectWidth = Math.min(44, Math.max(...report.results.map((r) => r.subject.length)));
  const groupWidth = Math.max(...report.results.map((r) => r.group.length));
  const lines: string[] = [];
  const profile =
    report.profile === 'local'
      ? 'local IdP profile'
      : report.profile === 'auth0'
        ? 'Auth0 tenant'
        : 'profile unknown';
  const command = report.nodeEnv.production ? 'pnpm auth:doctor --production' : 'pnpm auth:doctor';
  lines.push(`${command} (${profile}; ${describeNodeEnv(report)})`, '');
  for (const r of report.results) {
    lines.push(row(r, groupWidth, subjectWidth));
    if (r.fix && (r.status === 'fail' || r.status === 'warn')) {
      lines.push(`${' '.repeat(groupWidth + 5)}fix: ${r.fix}`);
    }
  }
  const c = summarize(report);
  lines.push(
    '',
    `${c.pass} passed, ${c.fail} failed, ${c.warn} warning${c.warn === 1 ? '' : 's'}, ${c.info} to do, ${c.skip} skipped` +
      (report.ok
        ? ''
        : ': fix the ✗ rows (top first: later checks often follow from earlier ones)'),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The loaders decide the profile and what is required from NODE_ENV, so the header says which
 * one each app was checked with: a `next start` runs with production, `pnpm dev` without.
 */
function describeNodeEnv(report: Report): string {
  if (report.nodeEnv.production) return 'NODE_ENV=production for every app';
  const apps = Object.entries(report.nodeEnv.apps);
  const values = new Set(apps.map(([, value]) => value));
  if (values.size === 1) {
    const [value] = values;
    return value === undefined
      ? 'NODE_ENV unset, as `pnpm dev` runs the apps; --production for `next start` or a deploy'
      : `NODE_ENV=${value} for every app`;
  }
  const each = apps.map(([app, value]) =>
    value === undefined ? `${app} unset` : `${app}=${value}`,
  );
  return `NODE_ENV per app: ${each.join(', ')}`;
}

function row(r: CheckResult, groupWidth: number, subjectWidth: number): string {
  return `${symbols[r.status]}  ${r.group.padEnd(groupWidth)}  ${r.subject.padEnd(subjectWidth)}  ${r.detail}`;
}

/** `--json`: stable keys for scripts and CI; `nodeEnv.apps` holds null for an unset NODE_ENV. */
export function renderJson(report: Report): string {
  const nodeEnv = {
    production: report.nodeEnv.production,
    apps: Object.fromEntries(
      Object.entries(report.nodeEnv.apps).map(([app, value]) => [app, value ?? null]),
    ),
  };
  return `${JSON.stringify({ ok: report.ok, profile: report.profile ?? null, nodeEnv, summary: summarize(report), checks: report.results }, null, 2)}\n`;
}
