import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { ROOT } from '../support/paths';

const run = promisify(execFile);

test('a browser global in src/core fails to compile under the core tsconfig', async () => {
  const dir = await mkdtemp(join(ROOT, 'test', '.core-purity-'));
  try {
    const tsconfig = {
      extends: relative(dir, join(ROOT, 'src/core/tsconfig.json')),
      include: [relative(dir, join(ROOT, 'test/fixtures/core/uses-window.ts'))],
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = join(ROOT, 'node_modules/tsgo/bin/tsc');
    const outcome = await run(process.execPath, [tsc, '-p', dir]).then(
      () => ({ failed: false, output: '' }),
      (error: unknown) => ({ failed: true, output: (error as { stdout: string }).stdout }),
    );
    expect(outcome.failed).toBe(true);
    expect(outcome.output).toMatch(/Cannot find name 'window'/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
