/**
 * What each side ships: the page hook (the only code the extension puts in a page's own world),
 * minified and gzipped, against the OpenTelemetry web SDK bundle the in-page cost benchmark loads,
 * which is what an in-page tracer ships to every page; and the packed extension for each browser.
 */
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { build } from 'vite';
import { bundleHarness } from '../test/support/bundle';
import type { BenchOutput } from './browser/bench-module';
import type { Goal } from './browser/goals';

export const title =
  'Size: the page hook against the OpenTelemetry web SDK bundle, and the packed extension';

const HOOK = 'src/content/page-hook.iife.js';
const BRIDGE = 'src/content/bridge.iife.js';
const HOOK_GOAL = 4096;
const HOOK_MOONSHOT = 2048;

const gzipped = (bytes: Uint8Array | string) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The build as a store would receive it: a zip of every file, deflated at level 9. */
async function packed(dir: string): Promise<{ bytes: number; files: number; unpacked: number }> {
  const all = await files(dir);
  const entries: Record<string, Uint8Array> = {};
  let unpacked = 0;
  for (const file of all) {
    const data = new Uint8Array(await readFile(file));
    unpacked += data.length;
    entries[relative(dir, file)] = data;
  }
  return { bytes: zipSync(entries, { level: 9 }).length, files: all.length, unpacked };
}

async function production(mode: 'production' | 'firefox'): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `trace-capture-size-${mode}-`));
  await build({ mode, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function run(): Promise<BenchOutput> {
  const chromium = await production('production');
  const firefox = await production('firefox');
  try {
    const hook = await readFile(join(chromium, HOOK));
    const bridge = await readFile(join(chromium, BRIDGE));
    const otel = await bundleHarness('bench/browser/page-cost-otel.ts', 'otelBench');
    const hookGz = gzipped(hook);
    const otelGz = gzipped(otel);
    const chromiumZip = await packed(chromium);
    const firefoxZip = await packed(firefox);
    const goals: Goal[] = [
      {
        figure: `page hook, minified and gzipped: ${kb(hookGz)}`,
        anchor: `OpenTelemetry web SDK bundle: ${kb(otelGz)}`,
        ratio: `${(hookGz / otelGz).toFixed(2)}×`,
        goal: `under ${kb(HOOK_GOAL)} (moonshot ${kb(HOOK_MOONSHOT)}): ${hookGz < HOOK_MOONSHOT ? 'moonshot met' : 'moonshot not met'}`,
        met: hookGz < HOOK_GOAL,
      },
    ];
    const row = (what: string, raw: number, gz: number | string) =>
      `| ${what} | ${kb(raw)} | ${typeof gz === 'number' ? kb(gz) : gz} |`;
    const markdown = [
      `**The page hook is ${kb(hookGz)} gzipped, ${(otelGz / hookGz).toFixed(1)}× smaller than the OpenTelemetry web SDK bundle (${kb(otelGz)}).**`,
      '',
      '| what | minified | gzipped (level 9) |',
      '| --- | --: | --: |',
      row(
        'page hook (`' + HOOK + '`), in the page’s own world of enabled sites',
        hook.length,
        hookGz,
      ),
      row(
        'bridge (`' + BRIDGE + '`), in the extension’s isolated world of enabled sites',
        bridge.length,
        gzipped(bridge),
      ),
      row('OpenTelemetry web SDK bundle (bench/browser/page-cost-otel.ts)', otel.length, otelGz),
      row(
        `packed extension, Chromium (${String(chromiumZip.files)} files, zip)`,
        chromiumZip.unpacked,
        `${kb(chromiumZip.bytes)} zipped`,
      ),
      row(
        `packed extension, Firefox (${String(firefoxZip.files)} files, zip)`,
        firefoxZip.unpacked,
        `${kb(firefoxZip.bytes)} zipped`,
      ),
      '',
      'The hook and bridge are from the production build (`vite build`). The hook carries only what the bridge precompiled for it: a comparison over `[scheme, host, port]` lists and a header template with holes for the ids (`src/core/config/hook-plan.ts`); the pattern parser, the header formats and the injector that plans around a page’s own propagation headers stay in the bridge, which the hook asks for that rare case. The OpenTelemetry bundle is the one the in-page cost benchmark loads: `WebTracerProvider`, `BatchSpanProcessor`, the W3C trace-context and baggage propagators, `FetchInstrumentation` and `XMLHttpRequestInstrumentation`, bundled and minified by Vite as one IIFE. Packed sizes are a zip of every file of `vite build` and `vite build --mode firefox`, deflated at level 9 (fflate), as a store upload would be.',
    ].join('\n');
    return {
      markdown,
      goals,
      results: {
        hook: { raw: hook.length, gzip: hookGz },
        otel: { raw: otel.length, gzip: otelGz },
        chromiumZip,
        firefoxZip,
      },
    };
  } finally {
    await rm(chromium, { recursive: true, force: true });
    await rm(firefox, { recursive: true, force: true });
  }
}
