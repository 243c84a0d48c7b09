import { browser } from './browser';

/** The extension's own name and version, as the instrumentation scope of what it records. */
export function extensionScope(): { readonly name: string; readonly version: string } {
  const manifest = browser.runtime.getManifest();
  return { name: manifest.short_name ?? manifest.name, version: manifest.version };
}
