import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_CHROMIUM = fileURLToPath(new URL('../../dist', import.meta.url));
export const DIST_FIREFOX = fileURLToPath(new URL('../../dist-firefox', import.meta.url));
export const CHROMIUM_BIN = '/usr/bin/chromium';
export const FIREFOX_BIN = '/usr/bin/firefox-esr';
