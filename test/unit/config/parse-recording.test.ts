import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../../../src/core/config';
import { DEFAULT_SENSITIVE_PARAMS } from '../../../src/core/span/redact';

describe('the recording section', () => {
  test('left out, it takes the defaults: on, 100,000 spans, 7 days, the built-in secret names', () => {
    const parsed = parseConfig({ version: 1 });
    expect(parsed.ok && parsed.config.recording).toEqual({
      enabled: true,
      preserveLog: false,
      sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
      maxSpans: 100_000,
      maxAgeDays: 7,
    });
    expect(DEFAULT_CONFIG.recording.maxSpans).toBe(100_000);
  });

  test('a partial section keeps the other defaults; names are trimmed, lowercased, deduplicated', () => {
    const parsed = parseConfig({
      recording: { preserveLog: true, sensitiveParams: [' Token ', 'token', 'otp'] },
    });
    expect(parsed.ok && parsed.config.recording).toEqual({
      ...DEFAULT_CONFIG.recording,
      preserveLog: true,
      sensitiveParams: ['token', 'otp'],
    });
  });

  test.each([
    [{ enabled: 'yes' }, 'recording.enabled: must be true or false, got "yes"'],
    [{ maxSpans: 50 }, 'recording.maxSpans: must be a whole number from 100 to 2000000, got 50'],
    [
      { maxSpans: 1000.5 },
      'recording.maxSpans: must be a whole number from 100 to 2000000, got 1000.5',
    ],
    [
      { maxAgeDays: 0 },
      'recording.maxAgeDays: must be a number of days above 0 and at most 365, got 0',
    ],
    [{ sensitiveParams: 'token' }, 'recording.sensitiveParams: must be a list, got "token"'],
    [
      { sensitiveParams: ['ok', ''] },
      'recording.sensitiveParams[1]: must be a parameter name of 1 to 100 characters, got ""',
    ],
    ['on', 'recording: must be an object, got "on"'],
  ])('%j is refused: %s', (recording, error) => {
    const parsed = parseConfig({ recording });
    expect(parsed.ok ? [] : parsed.errors).toEqual([error]);
  });
});
