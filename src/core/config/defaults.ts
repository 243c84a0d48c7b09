/** Settings schema version written by this build. */
export const CONFIG_VERSION = 1;

/** First install: injection stays off until the user enables it for a site. */
export const DEFAULT_CONFIG = {
  version: CONFIG_VERSION,
  enabled: false,
  sites: [] as readonly string[],
} as const;
