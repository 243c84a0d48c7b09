import { isDeepStrictEqual } from 'node:util';
import type { Worker } from 'playwright-core';
import { poll } from './poll';

/** A settings object as docs/config.md describes it; tests start from this and override. */
export function testConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 3,
    enabled: true,
    sites: ['http://app.test:*'],
    targets: [
      { match: 'http://api.test:*', mode: 'page' },
      { match: 'http://strict.test:*', mode: 'network' },
    ],
    propagators: {
      traceparent: true,
      baggage: true,
      tracestate: '',
      b3: 'off',
      jaeger: false,
      debug: false,
    },
    baggage: [{ key: 'user.id', value: '12345' }],
    sampling: { mode: 'always', ratio: 1 },
    existingHeader: 'keep',
    ...overrides,
  };
}

/** An `export` section for tests: every key (docs/config.md), towards `endpoint`. */
export function exportSettings(endpoint: string, overrides: Record<string, unknown> = {}) {
  return {
    endpoint,
    protocol: 'json',
    compression: 'none',
    headers: { authorization: 'Bearer e2e-token' },
    serviceName: 'shop-frontend',
    resourceAttributes: { 'deployment.environment.name': 'e2e' },
    auto: false,
    intervalSeconds: 60,
    ...overrides,
  };
}

/**
 * Writes settings the way a user or test may, straight into storage.local, then polls until
 * the background reports them applied (scripts registered, rules and badges updated).
 */
export async function applyConfig(worker: Worker, config: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (value) => chrome.storage.local.set({ config: value }), config);
  await poll(
    async () => {
      const applied = await worker.evaluate(
        async () => (await chrome.storage.session.get('appliedConfig'))['appliedConfig'],
      );
      // The background applies the parsed settings: every field we gave, plus defaults.
      const fields = Object.entries(config);
      const done =
        typeof applied === 'object' &&
        applied !== null &&
        fields.every(([key, value]) =>
          isDeepStrictEqual((applied as Record<string, unknown>)[key], value),
        );
      return done ? true : undefined;
    },
    { what: 'the background to apply the settings' },
  );
}
