/**
 * From an extension page of a self-timing benchmark: writes settings as the popup would, after the
 * background's first-install settings (which would otherwise overwrite them), and waits until the
 * background reports them applied (scripts registered, rules installed).
 */
import { poll } from '../../test/support/poll';

export async function applySettings(
  config: Readonly<Record<string, unknown>>,
  applied: (reported: unknown) => boolean,
): Promise<void> {
  await poll(async () => (await chrome.storage.local.get('config'))['config'], {
    what: 'the first-install settings',
  });
  await chrome.storage.local.set({ config });
  await poll(
    async () =>
      applied((await chrome.storage.session.get('appliedConfig'))['appliedConfig']) || undefined,
    { what: 'the background to apply the settings' },
  );
}
