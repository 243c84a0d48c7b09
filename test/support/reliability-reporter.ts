/**
 * Vitest reporter behind RELIABILITY.md: after each run it writes what the reliability tests
 * (faults, load, leaks, hostile and broken input) did, with the figures they recorded through
 * `annotate(…, 'figure')`, to test-results/reliability-<projects>.json. `npm run reliability`
 * renders the table from those files, so its figures come from a test run, not from prose.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { FC_NUM_RUNS } from './fc-runs';
import { ROOT } from './paths';
import { RELIABILITY_KINDS, type ReliabilityRecord } from './reliability-kinds';

export const RESULTS_DIR = 'test-results';

function kindOf(file: string): string | null {
  return RELIABILITY_KINDS.find(({ files }) => files.test(file))?.kind ?? null;
}

export default class ReliabilityReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const records: ReliabilityRecord[] = [];
    const projects = new Set<string>();
    for (const module of modules) {
      const file = relative(ROOT, module.moduleId);
      const kind = kindOf(file);
      if (kind === null) continue;
      projects.add(module.project.name);
      for (const test of module.children.allTests()) {
        const result = test.result();
        records.push({
          kind,
          file,
          name: test.fullName,
          state: result.state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          figures: test
            .annotations()
            .filter((a) => a.type === 'figure')
            .map((a) => a.message),
        });
      }
    }
    if (records.length === 0) return;
    mkdirSync(`${ROOT}/${RESULTS_DIR}`, { recursive: true });
    const name = [...projects].sort().join('-');
    const at = new Date().toISOString();
    writeFileSync(
      `${ROOT}/${RESULTS_DIR}/reliability-${name}.json`,
      `${JSON.stringify({ at, fcNumRuns: FC_NUM_RUNS, records }, null, 2)}\n`,
    );
  }
}
