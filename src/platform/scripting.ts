/** Chromium page mode: the bridge and the MAIN-world hook, registered for enabled sites only. */

export interface PageScripts {
  readonly bridgeFile: string;
  readonly hookFile: string;
}

const BRIDGE_ID = 'trace-capture-bridge';
const HOOK_ID = 'trace-capture-hook';

/**
 * Replaces the registration with one for `matches` (Chrome match patterns); none when empty.
 * Registrations last for the browser session, so a service-worker restart keeps them.
 */
export async function registerPageScripts(
  files: PageScripts,
  matches: readonly string[],
): Promise<void> {
  const registered = await chrome.scripting.getRegisteredContentScripts({
    ids: [BRIDGE_ID, HOOK_ID],
  });
  if (registered.length > 0) {
    await chrome.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  }
  if (matches.length === 0) return;
  const common = {
    matches: [...matches],
    runAt: 'document_start' as const,
    allFrames: true,
    // Also about:blank, srcdoc, blob: and data: frames an enabled page makes: a page could fetch
    // through such a frame's window to set headers the hook never saw (learned-headers.ts).
    matchOriginAsFallback: true,
    persistAcrossSessions: false,
  };
  await chrome.scripting.registerContentScripts([
    { ...common, id: BRIDGE_ID, js: [files.bridgeFile], world: 'ISOLATED' },
    { ...common, id: HOOK_ID, js: [files.hookFile], world: 'MAIN' },
  ]);
}
