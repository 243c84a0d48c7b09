import { join } from 'node:path';
import { build } from 'vite';
import { ROOT } from './paths';

/**
 * A browser harness bundled as one IIFE, to evaluate in an extension page: CDP evaluation is not
 * subject to the page's CSP, so the code runs in the extension's origin, on its IndexedDB.
 */
export async function bundleHarness(entry: string, name = 'bench'): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: join(ROOT, entry), formats: ['iife'], name },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  if (!result || !('output' in result)) throw new Error('vite build returned no output');
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('no harness chunk');
  return chunk.code;
}
