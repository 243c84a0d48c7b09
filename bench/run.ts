// Runs every bench/*.bench.ts module, writes its raw results to bench/results/<name>.json and
// (re)writes its section of BENCHMARKS.md, with a summary of every benchmark's goals on top.
//
// Usage: `npm run bench` runs all; `npm run bench -- propagation` runs only bench/propagation.bench.ts
// and keeps the other sections as they were. `--smoke` runs tiny sizes, one round each, into
// `--out <dir>` (npm test does this so the harness cannot rot; it says nothing about speed).
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import type { BenchModule, BenchOutput } from './browser/bench-module';
import { goalsComment, goalTable, type Goal } from './browser/goals';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.bench.ts';

function isBenchModule(value: unknown): value is BenchModule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof BenchModule, unknown>>;
  return typeof candidate.title === 'string' && typeof candidate.run === 'function';
}

function sectionPattern(id: string): RegExp {
  return new RegExp(`<!-- bench:${id} -->[\\s\\S]*?<!-- /bench:${id} -->\\n?`);
}

/** Sections of an existing BENCHMARKS.md by id, so a partial run keeps the others. */
async function existingSections(outputFile: string): Promise<Map<string, string>> {
  const sections = new Map<string, string>();
  let text: string;
  try {
    text = await readFile(outputFile, 'utf8');
  } catch {
    return sections;
  }
  for (const match of text.matchAll(/<!-- bench:([\w-]+) -->/g)) {
    const id = match[1];
    if (id === undefined) continue;
    const section = sectionPattern(id).exec(text);
    if (section) sections.set(id, section[0].trimEnd() + '\n');
  }
  return sections;
}

function version(command: string): string {
  try {
    return execFileSync(command, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return `${command} not installed`;
  }
}

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = (os.totalmem() / 2 ** 30).toFixed(1);
  // Other work on the machine slows every task alike; the load average says how much there was.
  const load = (os.loadavg()[0] ?? 0).toFixed(2);
  return `Node ${process.version}, ${os.platform()} ${os.arch()}, ${String(cpus.length)} × ${model}, ${memory} GiB, load average ${load}`;
}

/** The goals a kept section carries in its comment. */
function sectionGoals(section: string): Goal[] {
  const found = /<!-- goals (.*) -->/.exec(section)?.[1];
  return found === undefined ? [] : (JSON.parse(found) as Goal[]);
}

function sectionTitle(section: string): string {
  return /^## (.*)$/m.exec(section)?.[1] ?? '';
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { smoke: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const smoke = values.smoke;
  const outDir = values.out === undefined ? null : path.resolve(values.out);
  const outputFile = path.join(outDir ?? path.join(benchDir, '..'), 'BENCHMARKS.md');
  const resultsDir = path.join(outDir ?? benchDir, 'results');
  await mkdir(resultsDir, { recursive: true });
  const all = (await readdir(benchDir))
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
  const ids = all.filter((id) => positionals.length === 0 || positionals.includes(id));
  if (ids.length === 0) throw new Error(`no bench/*${SUFFIX} matches ${positionals.join(', ')}`);
  const sections = await existingSections(outputFile);
  const date = new Date().toISOString().slice(0, 10);
  const titles = new Map<string, string>();
  for (const id of all) {
    const mod: unknown = await import(pathToFileURL(path.join(benchDir, id + SUFFIX)).href);
    if (!isBenchModule(mod)) throw new Error(`${id}${SUFFIX} must export title and run()`);
    titles.set(id, mod.title);
    if (!ids.includes(id)) continue;
    process.stdout.write(`▶ ${mod.title}\n`);
    const command = `npm run bench -- ${id}${smoke ? ' --smoke' : ''}`;
    const raw = await mod.run({
      smoke,
      command,
      log: (line) => process.stdout.write(line + '\n'),
    });
    const output: BenchOutput = typeof raw === 'string' ? { markdown: raw } : raw;
    const goals = output.goals ?? [];
    const body = output.markdown.trim();
    process.stdout.write(body + '\n\n');
    await writeFile(
      path.join(resultsDir, `${id}.json`),
      JSON.stringify(
        {
          id,
          title: mod.title,
          date,
          machine: machine(),
          command,
          smoke,
          goals,
          results: output.results ?? null,
        },
        null,
        2,
      ) + '\n',
    );
    const goalBlock = goals.length === 0 ? '' : `${goalTable(goals)}\n\n${goalsComment(goals)}\n\n`;
    sections.set(
      id,
      `<!-- bench:${id} -->\n## ${mod.title}\n\n_Measured ${date} on ${machine()}. Reproduce: \`${command}\`._\n\n${goalBlock}${body}\n<!-- /bench:${id} -->\n`,
    );
  }
  const ordered = [...sections.entries()].sort(([a], [b]) => a.localeCompare(b));
  const summary = all.flatMap((id) => {
    const section = sections.get(id);
    const benchmark = section === undefined ? (titles.get(id) ?? id) : sectionTitle(section);
    if (section === undefined) {
      return [
        { benchmark, figure: 'not measured yet', anchor: '—', ratio: '—', goal: '—', met: null },
      ];
    }
    const goals = sectionGoals(section);
    return goals.length === 0
      ? [
          {
            benchmark,
            figure: 'see its section',
            anchor: '—',
            ratio: '—',
            goal: 'no goal filed',
            met: null,
          },
        ]
      : goals.map((g) => ({ ...g, benchmark }));
  });
  const header = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts), which runs every `bench/*.bench.ts`, writes its raw',
    'results to `bench/results/<name>.json` and rewrites its section below; `npm run bench -- <name>`',
    'reruns one. Do not edit the sections by hand. Ratios are the headline: absolute times move with',
    'the machine.',
    '',
    `Last run: ${date}, ${machine()}; ${version('chromium')}; ${version('firefox-esr')}.`,
    '',
    '## Goals',
    '',
    goalTable(summary),
    '',
  ].join('\n');
  // Formatted with the project's Prettier settings so `npm run format:check` accepts the file.
  const markdown = header + '\n' + ordered.map(([, s]) => s).join('\n');
  const options = (await resolveConfig(outputFile)) ?? {};
  await writeFile(outputFile, await format(markdown, { ...options, filepath: outputFile }));
  process.stdout.write(`wrote ${path.relative(process.cwd(), outputFile)}\n`);
}

await main();
