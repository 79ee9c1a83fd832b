import type { SteadyViews } from './steady-views';

/** One Markdown row per API count: what the browser carries and what a steady view costs. */
export function renderSessionsTable(rows: readonly SteadyViews[]): string {
  const lines = [
    '| APIs | session store | session cookie bytes (cookies) | steady views | token-endpoint calls | statuses | cards filled |',
    '| ---: | --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const r of rows) {
    const statuses = [...new Set(r.statuses)].join(', ');
    lines.push(
      `| ${r.apis} | ${r.sessionStore} | ${r.cookieBytes} (${r.cookieCount}) | ${r.views} | ${r.tokenCalls} | ${statuses} | ${r.cardsFilled}/${r.cards} |`,
    );
  }
  return lines.join('\n');
}
