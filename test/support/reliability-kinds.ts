/** Which test files RELIABILITY.md lists, and under which heading. */
export interface ReliabilityRecord {
  readonly kind: string;
  readonly file: string;
  readonly name: string;
  readonly state: string;
  readonly durationMs: number;
  /** What the test measured and kept, as it recorded it with annotate(…, 'figure'). */
  readonly figures: readonly string[];
}

export const RELIABILITY_KINDS: readonly { kind: string; files: RegExp }[] = [
  { kind: 'Leaks (invariant 1)', files: /^test\/e2e\/[\w-]+-leak(s|-[\w-]+)\.test\.ts$/ },
  {
    kind: 'Faults',
    files: /^test\/e2e\/[\w-]+-(faults|store-migration|settings)\.test\.ts$/,
  },
  { kind: 'Secrets', files: /^test\/e2e\/[\w-]+-secrets\.test\.ts$/ },
  { kind: 'Load', files: /^test\/e2e\/[\w-]+-load\.test\.ts$/ },
  { kind: 'Hostile pages and input, in a browser', files: /^test\/e2e\/[\w-]+-hostile\.test\.ts$/ },
  { kind: 'Bad input, generated (fast-check)', files: /^test\/unit\/fuzz\/[\w-]+\.test\.ts$/ },
];
