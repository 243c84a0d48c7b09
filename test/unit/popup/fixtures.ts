import { DEFAULT_CONFIG, type Config } from '../../../src/core/config/schema';

/** A config with something in every list, for popup model tests. */
export function sampleConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...DEFAULT_CONFIG,
    sites: ['https://app.example.com'],
    targets: [{ match: 'https://api.example.com', mode: 'network' }],
    baggage: [{ key: 'env', value: 'staging' }],
    sampling: { mode: 'ratio', ratio: 0.5 },
    ...overrides,
  };
}
