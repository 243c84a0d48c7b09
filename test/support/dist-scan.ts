/**
 * Scans every file of a built extension directory with the scanner for its type. A file type
 * no scanner knows (say .wasm or .svg, which can carry script) is itself a finding, so a new
 * kind of output gets reviewed before it ships instead of passing unread.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { formatFinding, scanJs } from './code-scan';
import { isRemoteUrl, scanHtml } from './html-scan';

/** Formats a browser only decodes as pictures or fonts, never runs. */
const INERT = new Set(['.png', '.jpg', '.webp', '.ico', '.woff2']);

export interface DistScan {
  /** Files scanned, by extension: `{ '.js': 21, … }`. */
  counts: Record<string, number>;
  /** One line per finding: `dist/assets/x.js:1:200 eval: eval(s)`. */
  findings: string[];
}

/** `@import` and `url()` from the network: remote content in a packaged page. */
function scanCss(source: string, file: string): string[] {
  const refs = source.matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)/gi);
  return [...refs]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter(isRemoteUrl)
    .map((url) => `${file}: remote-resource: ${url}`);
}

async function listFiles(dir: string): Promise<string[]> {
  const paths = (await readdir(dir, { recursive: true })).map((name) => join(dir, name));
  const isFile = await Promise.all(paths.map(async (p) => (await stat(p)).isFile()));
  return paths.filter((_, i) => isFile[i]).sort();
}

/** `dir` is scanned in full; paths in findings are relative to `root` (the repository). */
export async function scanDist(dir: string, root: string): Promise<DistScan> {
  const counts: Record<string, number> = {};
  const findings: string[] = [];
  for (const path of await listFiles(dir)) {
    const file = relative(root, path);
    const ext = extname(path).toLowerCase();
    counts[ext] = (counts[ext] ?? 0) + 1;
    if (INERT.has(ext)) continue;
    const source = await readFile(path, 'utf8');
    if (ext === '.js' || ext === '.mjs') findings.push(...scanJs(source, file).map(formatFinding));
    else if (ext === '.html') findings.push(...scanHtml(source, file).map(formatFinding));
    else if (ext === '.css') findings.push(...scanCss(source, file));
    // The manifest has its own checks; no other JSON is expected, so any other is reviewed.
    else if (relative(dir, path) === 'manifest.json') continue;
    else findings.push(`${file}: unreviewed-file-type: no scanner for ${ext || 'extensionless'}`);
  }
  return { counts, findings };
}
