import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  harEntries,
  importHar,
  MAX_IMPORTED_ENTRIES,
} from '../../../src/devtools/panel/model/import-har';
import { harEntry, mapContext } from '../span/har-entries';
import { harFixture } from './fixture-spans';

function har(entries: unknown): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [],
      entries,
    },
  });
}

describe('importHar', () => {
  test('a DevTools export: every entry through harEntryToSpan, redacted as recorded', () => {
    const fixture = harFixture('secrets-in-query');
    const result = importHar(har(fixture.entries), mapContext());
    if (!result.ok) throw new Error(result.error);
    expect(result).toMatchObject({ errors: [], skipped: [], notRead: 0 });
    expect(result.spans).toHaveLength(fixture.entries.length);
    const url = result.spans[0]?.attributes['url.full'];
    expect(url).toMatch(/token=REDACTED/);
    expect(url).not.toMatch(/abc123/);
  });

  test('bad and skipped entries are reported by index; the rest is imported', () => {
    const entries = [
      harEntry({ url: 'https://api.example.com/a' }),
      'not an entry',
      harEntry({ url: 'data:text/plain,hi' }),
      { request: { url: 'https://api.example.com/b' } },
      harEntry({ url: 'https://api.example.com/c' }),
    ];
    const result = importHar(har(entries), mapContext());
    if (!result.ok) throw new Error(result.error);
    expect(result.spans.map((s) => s.attributes['url.full'])).toEqual([
      'https://api.example.com/a',
      'https://api.example.com/c',
    ]);
    expect(result.errors).toEqual([
      { index: 1, message: 'HAR entry is "not an entry", not an object' },
      { index: 3, message: 'request.method is missing' },
    ]);
    expect(result.skipped).toEqual([{ index: 2, message: 'not an http(s) request (data:)' }]);
  });

  test.each([
    ['', /^not JSON: /],
    ['{"log": {"entries": [', /^not JSON: /],
    ['[]', /the top level is not an object/],
    ['"log"', /the top level is not an object/],
    ['{}', /log is missing/],
    ['{"log": []}', /log is not an object/],
    ['{"log": {}}', /^log\.entries is missing$/],
    ['{"log": {"entries": {}}}', /^log\.entries is not an array$/],
  ])('a broken file %j: one clear error', (text, error) => {
    const result = importHar(text, mapContext());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  test('an empty entries list imports nothing, without error', () => {
    expect(importHar(har([]), mapContext())).toEqual({
      ok: true,
      spans: [],
      errors: [],
      skipped: [],
      notRead: 0,
    });
  });

  test(`only the first ${MAX_IMPORTED_ENTRIES} entries are read`, () => {
    const entries = harEntries({
      log: { entries: new Array(MAX_IMPORTED_ENTRIES + 2).fill(null) },
    });
    expect(Array.isArray(entries) && entries.length).toBe(MAX_IMPORTED_ENTRIES + 2);
    const text = JSON.stringify({ log: { entries: new Array(MAX_IMPORTED_ENTRIES + 2).fill(0) } });
    const result = importHar(text, mapContext());
    expect(result.ok && result.notRead).toBe(2);
    expect(result.ok && result.errors.length).toBe(MAX_IMPORTED_ENTRIES);
  });

  test('never throws, whatever the text or the JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((j) => `{"log":{"entries":[${j}]}}`),
          fc.json(),
        ),
        (text) => {
          const result = importHar(text, mapContext());
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });
});
