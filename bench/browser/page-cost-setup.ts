/**
 * An extension page that gives the extension one side's settings, as the popup would, waits until
 * the background has applied them (scripts registered, rules installed), then navigates its tab to
 * the timing page: `?s=` with `{ config, next }` (page-cost-protocol.ts says why it is opaque).
 * No automation is involved.
 */
import { poll } from '../../test/support/poll';
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
  // The background writes its first-install settings once it starts; ours must come after them.
  await poll(async () => (await chrome.storage.local.get('config'))['config'], {
    what: 'the first-install settings',
  });
  await chrome.storage.local.set({ config });
  await poll(
    async () =>
      applied((await chrome.storage.session.get('appliedConfig'))['appliedConfig']) || undefined,
    { what: 'the background to apply the settings' },
  );
  location.replace(next);
}

main().catch((error: unknown) => {
  document.body.textContent = String(error);
});
