/**
 * Runs web-ext lint (Mozilla's addons-linter, what AMO runs on upload) and reads its JSON. It
 * exits non-zero when it finds something, so the exit code is kept as data and the report decides.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const options = { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 };
    execFile(command, args, options, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      // A command that could not start has no stderr of its own; its error says why.
      resolve({ code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

function parseJson(what: string, result: Run): unknown {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`${what} printed no JSON (exit ${result.code}): ${result.stderr.trim()}`);
  }
}

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** `web-ext lint` on a source directory. It lints locally and needs no network. */
export async function webExtLint(sourceDir: string): Promise<LintReport> {
  const bin = join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  // --no-config-discovery: a web-ext config in $HOME or here must not change what passes.
  // NO_UPDATE_NOTIFIER: web-ext would otherwise ask the registry whether it is outdated.
  const args = [bin, 'lint', '--source-dir', sourceDir, '--output', 'json'];
  args.push('--no-config-discovery', '--no-input');
  const result = await run(process.execPath, args, { NO_UPDATE_NOTIFIER: '1' });
  const report = parseJson('web-ext lint', result) as Partial<LintReport>;
  if (!Array.isArray(report.errors) || !Array.isArray(report.warnings))
    throw new Error(`web-ext lint gave no errors/warnings lists: ${result.stdout.slice(0, 500)}`);
  return { errors: report.errors, warnings: report.warnings, notices: report.notices ?? [] };
}
