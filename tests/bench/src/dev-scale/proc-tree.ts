import { readdirSync, readFileSync } from 'node:fs';

/** One line of the process table: what /proc/<pid>/stat says about a process. */
export interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  /** Process group and session: a child that re-parents itself to init still shows here. */
  readonly pgid: number;
  readonly sid: number;
  /** Clock ticks after boot: with the pid, it names one process even after its pid is reused. */
  readonly startTime: number;
  readonly comm: string;
}

/**
 * Parses /proc/<pid>/stat. The command name sits in parentheses and may itself hold spaces or
 * parentheses, so the fields are counted from the last `)`.
 */
export function parseStat(text: string): ProcEntry | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // After ")": state(3) ppid(4) pgrp(5) session(6) … starttime(22).
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  return {
    pid,
    ppid: field(4),
    pgid: field(5),
    sid: field(6),
    startTime: field(22),
    comm: text.slice(open + 1, close),
  };
}

/** Every process visible in /proc now. */
export function processTable(): ProcEntry[] {
  const entries: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const entry = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (entry) entries.push(entry);
    } catch {
      // Exited while we looked.
    }
  }
  return entries;
}

/**
 * The tree that `root` started: its descendants, plus any process in its session (the root is
 * started as a session leader, so a child that re-parented itself to init is still counted).
 */
export function treeOf(root: number, table: readonly ProcEntry[]): ProcEntry[] {
  const children = new Map<number, ProcEntry[]>();
  for (const entry of table) {
    const list = children.get(entry.ppid) ?? [];
    list.push(entry);
    children.set(entry.ppid, list);
  }
  const found = new Map<number, ProcEntry>();
  const stack = table.filter((e) => e.pid === root || e.sid === root);
  while (stack.length) {
    const entry = stack.pop()!;
    if (found.has(entry.pid)) continue;
    found.set(entry.pid, entry);
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return [...found.values()].sort((a, b) => a.pid - b.pid);
}

/** `VmRSS:   123 kB` and `Pss:   45 kB` lines: kibibytes, or undefined when absent. */
export function kibField(text: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

export interface TreeMemory {
  readonly processes: number;
  /** Sum of every process's resident set: shared pages (the node binary) count once per process. */
  readonly rssMiB: number;
  /** Sum of proportional set sizes: shared pages split between their users; closer to the real cost. */
  readonly pssMiB: number;
  /** The largest processes, for the report: command, RSS. */
  readonly top: readonly { readonly command: string; readonly rssMiB: number }[];
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function commandLine(pid: number): string {
  return readOr(`/proc/${pid}/cmdline`).split('\0').filter(Boolean).join(' ');
}

/** Reads the memory of every process in the tree, now. */
export function measureTree(processes: readonly ProcEntry[]): TreeMemory {
  let rss = 0;
  let pss = 0;
  const sizes: { command: string; rssMiB: number }[] = [];
  for (const p of processes) {
    const status = readOr(`/proc/${p.pid}/status`);
    const r = kibField(status, 'VmRSS') ?? 0;
    rss += r;
    pss += kibField(readOr(`/proc/${p.pid}/smaps_rollup`), 'Pss') ?? r;
    sizes.push({ command: commandLine(p.pid).slice(0, 120) || p.comm, rssMiB: r / 1024 });
  }
  sizes.sort((a, b) => b.rssMiB - a.rssMiB);
  return {
    processes: processes.length,
    rssMiB: rss / 1024,
    pssMiB: pss / 1024,
    top: sizes.slice(0, 8),
  };
}

/** Whether this exact process (pid and start time) still runs. */
export function stillRunning(entry: ProcEntry): boolean {
  const now = parseStat(readOr(`/proc/${entry.pid}/stat`));
  return now !== undefined && now.startTime === entry.startTime;
}
