/** The settings the panel shows and changes: record, preserve log, the backend link. */
import { parseConfig } from '../../../core/config/parse';
import type { Config } from '../../../core/config/schema';
import { send } from '../../../platform/messaging';
import { CONFIG_KEY, onLocalChanged } from '../../../platform/storage';

export async function readSettings(): Promise<Config> {
  return (await send('config/get', null)).config;
}

/** Calls `listener` with every valid settings change, whoever made it, until `signal` aborts. */
export function watchSettings(listener: (config: Config) => void, signal: AbortSignal): void {
  const stop = onLocalChanged(CONFIG_KEY, (raw) => {
    const parsed = parseConfig(raw);
    if (parsed.ok) listener(parsed.config);
  });
  signal.addEventListener('abort', stop);
}

/** Writes a change through the background, which validates it; resolves with why not, or null. */
export async function changeSettings(change: (config: Config) => Config): Promise<string | null> {
  const result = await send('config/set', change(await readSettings()));
  return result.ok ? null : result.errors.join('; ');
}
