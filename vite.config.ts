import { defineConfig } from 'vite';
import { crx, type CrxPlugin } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };

/** Gecko add-on id: stable, so storage and test profiles can address the add-on. */
export const GECKO_ID = 'trace-capture@trace-capture.dev';

type Manifest = typeof manifest;

/**
 * Firefox runs MV3 backgrounds as event pages (`background.scripts`), not service workers,
 * and needs a gecko id for storage to persist. Everything else is shared with Chromium.
 */
function firefoxManifest(base: Manifest) {
  const { background, minimum_chrome_version: _chromeOnly, permissions, ...rest } = base;
  return {
    ...rest,
    // Firefox injects with blocking webRequest instead of DNR rules and registered page scripts.
    permissions: [
      ...permissions.filter((p) => p !== 'scripting' && !p.startsWith('declarativeNetRequest')),
      'webRequest',
      'webRequestBlocking',
    ],
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0' } },
  };
}

/**
 * crxjs lists `?script` imports as web-accessible resources, which would let any site detect
 * the extension by fetching them. Ours are registered with chrome.scripting and need no such
 * access, so the entries are dropped from the emitted manifest.
 */
function dropWebAccessibleScripts(): CrxPlugin {
  return {
    name: 'trace-capture:drop-web-accessible-scripts',
    enforce: 'post',
    renderCrxManifest(manifest) {
      const { web_accessible_resources: _exposed, ...rest } = manifest;
      return rest;
    },
  };
}

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  // `--mode bench`: the Chromium build plus the panel page that times itself (npm run bench).
  const bench = mode === 'bench';
  return {
    plugins: [
      preact(),
      crx({
        manifest: firefox ? firefoxManifest(manifest) : manifest,
        browser: firefox ? 'firefox' : 'chrome',
      }),
      dropWebAccessibleScripts(),
    ],
    build: {
      outDir: firefox ? 'dist-firefox' : bench ? 'dist-bench' : 'dist',
      emptyOutDir: true,
      // The panel page is not named by the manifest (the devtools page opens it at run time).
      rolldownOptions: {
        input: {
          panel: 'devtools/panel.html',
          ...(bench ? { panelBench: 'bench/browser/panel-bench.html' } : {}),
        },
      },
    },
    server: { strictPort: true, port: 5173 },
  };
});
