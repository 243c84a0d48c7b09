/**
 * A benchmark's goals as rows of one table (the figure, what it is measured against, the ratio,
 * the goal, met or not), written into its BENCHMARKS.md section and collected by bench/run.ts into
 * the summary at the top of the file.
 */

export interface Goal {
  /** What is measured, and its value: "page mode, extra wall time per request: +120 µs". */
  readonly figure: string;
  /** What it is compared with, and its value. */
  readonly anchor: string;
  /** The headline ratio, "0.42×", or "—" when there is none. */
  readonly ratio: string;
  readonly goal: string;
  /** null: not measured yet. */
  readonly met: boolean | null;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function metText(met: boolean | null): string {
  if (met === null) return 'not measured yet';
  return met ? 'met' : '**not met**';
}

/** The goals as a markdown table; `benchmark` adds a first column naming each row's section. */
export function goalTable(goals: readonly (Goal & { readonly benchmark?: string })[]): string {
  const withBenchmark = goals.some((g) => g.benchmark !== undefined);
  const head = [...(withBenchmark ? ['benchmark'] : []), 'figure', 'against', 'ratio', 'goal', ''];
  const rows = goals.map((g) => [
    ...(withBenchmark ? [g.benchmark ?? ''] : []),
    g.figure,
    g.anchor,
    g.ratio,
    g.goal,
    metText(g.met),
  ]);
  return [head, head.map(() => '---'), ...rows]
    .map((row) => `| ${row.map(cell).join(' | ')} |`)
    .join('\n');
}

/** The section's goals as a comment bench/run.ts reads back when it keeps a section it did not rerun. */
export function goalsComment(goals: readonly Goal[]): string {
  return `<!-- goals ${JSON.stringify(goals).replaceAll('--', '\\u002d\\u002d')} -->`;
}

export function ratioText(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
}
