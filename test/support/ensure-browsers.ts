import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_BIN, FIREFOX_BIN } from './paths';

const PACKAGES = [
  { bin: CHROMIUM_BIN, pkg: 'chromium' },
  { bin: FIREFOX_BIN, pkg: 'firefox-esr' },
] as const;

/**
 * The e2e suites need Debian's chromium and firefox-esr. As root we install what is missing;
 * otherwise we stop with one message naming what to install. Never a silent skip.
 */
export function ensureBrowsers(): void {
  const missing = PACKAGES.filter(({ bin }) => !existsSync(bin)).map(({ pkg }) => pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error(
      `End-to-end tests need ${missing.join(' and ')}. Install with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`Installing ${missing.join(', ')} from Debian (first run only)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  const still = PACKAGES.filter(({ bin }) => !existsSync(bin)).map(({ pkg }) => pkg);
  if (still.length > 0)
    throw new Error(`apt-get finished but ${still.join(', ')} is still missing`);
}
