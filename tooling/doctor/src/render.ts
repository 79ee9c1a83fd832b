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
  lines.push(`pnpm auth:doctor (${profile})`, '');
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

function row(r: CheckResult, groupWidth: number, subjectWidth: number): string {
  return `${symbols[r.status]}  ${r.group.padEnd(groupWidth)}  ${r.subject.padEnd(subjectWidth)}  ${r.detail}`;
}

/** `--json`: stable keys for scripts and CI. */
export function renderJson(report: Report): string {
  return `${JSON.stringify({ ok: report.ok, profile: report.profile ?? null, summary: summarize(report), checks: report.results }, null, 2)}\n`;
}
