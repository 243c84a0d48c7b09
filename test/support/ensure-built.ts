import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_CHROMIUM, DIST_FIREFOX } from './paths';

export function assertBuilt(): void {
  for (const [dir, command] of [
    [DIST_CHROMIUM, 'npm run build'],
    [DIST_FIREFOX, 'npm run build:firefox'],
  ] as const) {
    if (!existsSync(join(dir, 'manifest.json'))) {
      throw new Error(
        `${dir} has no build. Run \`${command}\` first (npm test does this for you).`,
      );
    }
  }
}
