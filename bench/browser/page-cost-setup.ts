/**
 * An extension page that gives the extension one side's settings, as the popup would, waits until
 * the background has applied them (scripts registered, rules installed), then navigates its tab to
 * the timing page: `?s=` with `{ config, next }` (page-cost-protocol.ts says why it is opaque).
 * No automation is involved.
 */
import { applySettings } from './apply-settings';
import { readOpaqueParam } from './page-cost-protocol';

const { config, next } = readOpaqueParam(new URLSearchParams(location.search).get('s')) as {
  config: Record<string, unknown>;
  next: string;
};

/** The background applied `sites` and `targets` as given (it adds defaults elsewhere). */
function applied(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const have = value as Record<string, unknown>;
  return ['sites', 'targets'].every((k) => JSON.stringify(have[k]) === JSON.stringify(config[k]));
}

async function main(): Promise<void> {
  await applySettings(config, applied);
  location.replace(next);
}

main().catch((error: unknown) => {
  document.body.textContent = String(error);
});
