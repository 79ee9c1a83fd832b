/** One thing wrong with the environment, phrased so that the reader can fix it without guessing. */
export interface EnvProblem {
  readonly variable: string;
  readonly problem: string;
  readonly fix: string;
}

/**
 * Thrown by every loader with ALL the problems it found, so a misconfigured deploy is fixed in one
 * round trip instead of one variable at a time.
 */
export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(
    readonly app: string,
    readonly problems: readonly EnvProblem[],
  ) {
    super(formatProblems(app, problems));
  }
}

export function formatProblems(app: string, problems: readonly EnvProblem[]): string {
  const lines = problems.map((p) => `  - ${p.variable}: ${p.problem}. Fix: ${p.fix}`);
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return `Invalid environment for ${app} (${count}):\n${lines.join('\n')}`;
}

/** Collects problems while a loader reads variables, then throws them together. */
export class ProblemList {
  private readonly items: EnvProblem[] = [];
  add(variable: string, problem: string, fix: string): void {
    this.items.push({ variable, problem, fix });
  }
  get size(): number {
    return this.items.length;
  }
  throwIfAny(app: string): void {
    if (this.items.length > 0) throw new EnvError(app, this.items);
  }
}
