/**
 * `npm run bench` at tiny sizes, one round each, into a temporary directory: every benchmark runs
 * end to end in the real browsers, so the harness cannot rot between the runs that measure. This
 * asserts that each produced its section, its goals and its raw results; nothing about speed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../support/paths';

const run = promisify(execFile);
const BENCHES = (await readdir(join(ROOT, 'bench')))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

describe('npm run bench -- --smoke', () => {
  let out = '';
  let markdown = '';

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'trace-capture-bench-smoke-'));
    await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 900_000,
    });
    markdown = await readFile(join(out, 'BENCHMARKS.md'), 'utf8');
  }, 900_000);

  afterAll(async () => {
    if (out !== '') await rm(out, { recursive: true, force: true });
  });

  test('finds the benchmarks', () => {
    expect(BENCHES).toEqual(
      expect.arrayContaining([
        'export',
        'page-cost',
        'panel',
        'propagation',
        'recording',
        'size',
        'store',
      ]),
    );
  });

  test.each(BENCHES)('%s: a section with its command, and raw results', async (id) => {
    const section = new RegExp(`<!-- bench:${id} -->([\\s\\S]*?)<!-- /bench:${id} -->`).exec(
      markdown,
    )?.[1];
    expect(section).toBeDefined();
    expect(section).toContain(`npm run bench -- ${id} --smoke`);
    const results = JSON.parse(await readFile(join(out, 'results', `${id}.json`), 'utf8')) as {
      id: string;
      smoke: boolean;
      results: unknown;
    };
    expect(results).toMatchObject({ id, smoke: true });
    expect(results.results).not.toBeNull();
  });

  test('the summary lists every goal of every section, none left unmeasured', () => {
    const summary = /## Goals\n([\s\S]*?)\n<!-- bench:/.exec(markdown)?.[1] ?? '';
    expect(summary).not.toContain('not measured yet');
    for (const title of [
      /In-page cost/,
      /Size:/,
      /Export:/,
      /Panel:/,
      /Propagation:/,
      /Recording:/,
      /Span store:/,
    ]) {
      expect(summary).toMatch(title);
    }
    // The in-page cost goals the issue names: vs the SDK, sites not enabled, the fetch() call.
    expect(summary).toMatch(/page mode, extra wall time/);
    expect(summary).toMatch(/installed, no site enabled/);
    expect(summary).toMatch(/`fetch\(\)` call/);
  });
});
