import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config/schema';
import {
  addBaggageRow,
  addTargetRow,
  draftFromConfig,
  reviewDraft,
  setPropagator,
  setSamplingMode,
  setSamplingRatio,
  updateBaggageRow,
  updateTargetRow,
  type Draft,
} from '../../../src/popup/model';
import { sampleConfig } from './fixtures';

const PAGE = 'https://app.example.com';

/** A draft with baggage rows set to `entries` (replacing the saved ones). */
function withBaggage(base: Config, entries: readonly [string, string][]): Draft {
  let draft: Draft = { ...draftFromConfig(base), baggage: [] };
  for (const [key, value] of entries) {
    draft = addBaggageRow(draft);
    draft = updateBaggageRow(draft, draft.nextId - 1, { key, value });
  }
  return draft;
}

function withTargets(base: Config, targets: readonly [string, 'page' | 'network'][]): Draft {
  let draft: Draft = { ...draftFromConfig(base), targets: [] };
  for (const [match, mode] of targets) {
    draft = addTargetRow(draft);
    draft = updateTargetRow(draft, draft.nextId - 1, { match, mode });
  }
  return draft;
}

describe('baggage', () => {
  const saved = sampleConfig();

  test('valid entries: no errors and the byte count of the header', () => {
    const review = reviewDraft(
      withBaggage(saved, [
        ['env', 'staging'],
        ['team', 'a b'],
      ]),
      saved,
      PAGE,
    );
    expect(review.baggage.rows.map((r) => r.error)).toEqual([null, null]);
    // env=staging,team=a%20b
    expect(review.baggage.bytes).toBe('env=staging,team=a%20b'.length);
    expect(review.baggage.bytesText).toBe('22 / 8192 bytes');
    expect(review.baggage.overLimit).toBe(false);
    expect(review.issues).toEqual([]);
  });

  test('an invalid key gets the core message, and cannot be counted', () => {
    const review = reviewDraft(
      withBaggage(saved, [
        ['user id', 'x'],
        ['ok', '1'],
      ]),
      saved,
      PAGE,
    );
    expect(review.baggage.rows[0]?.error).toMatch(/not a token/);
    expect(review.baggage.rows[1]?.error).toBeNull();
    expect(review.baggage.bytes).toBe('ok=1'.length);
    expect(review.issues[0]).toMatch(/^Baggage entry 1: key "user id" is not a token/);
  });

  test('an empty value is refused by the core validator', () => {
    const review = reviewDraft(withBaggage(saved, [['env', '']]), saved, PAGE);
    expect(review.baggage.rows[0]?.error).toMatch(/empty/);
  });

  test('a duplicate key is flagged on the later row, pointing at the first', () => {
    const review = reviewDraft(
      withBaggage(saved, [
        ['env', 'a'],
        ['x', 'b'],
        ['env', 'c'],
      ]),
      saved,
      PAGE,
    );
    expect(review.baggage.rows.map((r) => r.error)).toEqual([
      null,
      null,
      'key "env" is already set in entry 1',
    ]);
    expect(review.baggage.bytes).toBe('env=a,x=b,env=c'.length);
  });

  test('a blank row asks to be filled or removed', () => {
    const review = reviewDraft(addBaggageRow(draftFromConfig(saved)), saved, PAGE);
    expect(review.baggage.rows[1]?.error).toMatch(/enter a key and a value, or remove/);
    expect(review.save.enabled).toBe(false);
  });

  test('over 8192 bytes is visible and blocks Save', () => {
    const big = 'v'.repeat(3000);
    const review = reviewDraft(
      withBaggage(saved, [
        ['a', big],
        ['b', big],
        ['c', big],
      ]),
      saved,
      PAGE,
    );
    expect(review.baggage.rows.every((r) => r.error === null)).toBe(true);
    expect(review.baggage.bytes).toBe(3 * 3002 + 2);
    expect(review.baggage.bytesText).toBe('9008 / 8192 bytes');
    expect(review.baggage.overLimit).toBe(true);
    expect(review.baggage.error).toMatch(/9008 bytes; at most 8192/);
    expect(review.save.enabled).toBe(false);
  });

  test('one oversized entry is refused by the core and shows in the total', () => {
    const review = reviewDraft(withBaggage(saved, [['k', 'v'.repeat(9000)]]), saved, PAGE);
    expect(review.baggage.rows[0]?.error).toMatch(/9002 bytes/);
    expect(review.baggage.bytesText).toBe('9002 / 8192 bytes');
    expect(review.baggage.overLimit).toBe(true);
    expect(review.baggage.error).toBeNull();
    expect(review.issues).toHaveLength(1);
  });

  test('exactly 8192 bytes is fine', () => {
    const review = reviewDraft(withBaggage(saved, [['k', 'v'.repeat(8190)]]), saved, PAGE);
    expect(review.baggage.bytes).toBe(8192);
    expect(review.baggage.overLimit).toBe(false);
  });

  test('more than 64 entries is over the member limit', () => {
    const entries = Array.from({ length: 65 }, (_, i): [string, string] => [`k${String(i)}`, '1']);
    const review = reviewDraft(withBaggage(saved, entries), saved, PAGE);
    expect(review.baggage.overLimit).toBe(true);
    expect(review.baggage.error).toMatch(/65 entries; at most 64/);
  });
});

describe('tracestate and ratio', () => {
  const saved = sampleConfig();
  const clean = draftFromConfig(saved);

  test('an invalid tracestate entry is reported with the core message', () => {
    const review = reviewDraft(setPropagator(clean, 'tracestate', 'Vendor=1'), saved, PAGE);
    expect(review.tracestate).toMatch(/lowercase/);
    expect(review.issues[0]).toMatch(/^tracestate entry: /);
  });

  test('a valid or empty entry passes', () => {
    expect(
      reviewDraft(setPropagator(clean, 'tracestate', 'vendor=1'), saved, PAGE).tracestate,
    ).toBeNull();
    expect(reviewDraft(clean, saved, PAGE).tracestate).toBeNull();
  });

  test('the ratio is checked in ratio mode only', () => {
    const bad = setSamplingRatio(clean, '2');
    expect(reviewDraft(bad, saved, PAGE).ratio).toMatch(/from 0 to 1/);
    expect(reviewDraft(setSamplingMode(bad, 'always'), saved, PAGE).ratio).toBeNull();
  });
});

describe('targets', () => {
  const saved = sampleConfig();

  test('an invalid pattern gets the parser message', () => {
    const review = reviewDraft(withTargets(saved, [['api.example.com', 'network']]), saved, PAGE);
    expect(review.targets[0]?.error).toMatch(/scheme/);
    expect(review.issues[0]).toMatch(/^Target 1: /);
  });

  test('a blank target and a duplicate are flagged', () => {
    const review = reviewDraft(
      withTargets(saved, [
        ['https://api.example.com', 'network'],
        ['', 'network'],
        ['HTTPS://api.example.com ', 'page'],
        ['https://API.example.com:443', 'network'],
      ]),
      saved,
      PAGE,
    );
    expect(review.targets[0]?.error).toBeNull();
    expect(review.targets[1]?.error).toMatch(/enter an origin/);
    expect(review.targets[2]?.error).toBe('https://api.example.com is already target 1');
    expect(review.targets[3]?.error).toBe('https://api.example.com is already target 1');
  });

  test.each([
    ['page mode to another origin', 'https://api.example.com', 'page', PAGE, true],
    ['network mode to another origin', 'https://api.example.com', 'network', PAGE, false],
    ['page mode to the page’s own origin', PAGE, 'page', PAGE, false],
    [
      'page mode, own origin spelt differently',
      'HTTPS://App.Example.com:443/',
      'page',
      PAGE,
      false,
    ],
    [
      'page mode, own origin with a port',
      'http://127.0.0.1:8080',
      'page',
      'http://127.0.0.1:8080',
      false,
    ],
    // A pattern that covers the page also covers other origins, and those requests preflight.
    ['page mode, wildcard host covering the page', 'https://*.example.com', 'page', PAGE, true],
    ['page mode, any port of the page host', 'https://app.example.com:*', 'page', PAGE, true],
    ['page mode, any scheme', '*://app.example.com', 'page', PAGE, true],
    ['page mode, other port', 'https://app.example.com:8443', 'page', PAGE, true],
    ['page mode, no traceable page', 'https://api.example.com', 'page', null, true],
  ] as const)('CORS warning for %s: %s', (_, match, mode, page, warn) => {
    const review = reviewDraft(withTargets(saved, [[match, mode]]), saved, page);
    expect(review.targets[0]?.error).toBeNull();
    expect(review.targets[0]?.corsWarning).toBe(warn);
  });

  test('no CORS warning on an invalid pattern: its error is enough', () => {
    const review = reviewDraft(withTargets(saved, [['nope', 'page']]), saved, PAGE);
    expect(review.targets[0]?.corsWarning).toBe(false);
  });
});

describe('header names for Access-Control-Allow-Headers', () => {
  const saved = sampleConfig();
  const clean = draftFromConfig(saved);
  const names = (draft: Draft) => reviewDraft(draft, saved, PAGE).corsHeaders;

  test('defaults with one baggage entry: traceparent and baggage', () => {
    expect(names(clean)).toEqual(['traceparent', 'baggage']);
  });

  test('tracestate when an entry is set, B3 single, Jaeger with uberctx for baggage', () => {
    let draft = setPropagator(clean, 'tracestate', 'vendor=1');
    draft = setPropagator(draft, 'b3', 'single');
    draft = setPropagator(draft, 'jaeger', true);
    expect(names(draft)).toEqual([
      'traceparent',
      'tracestate',
      'baggage',
      'b3',
      'uber-trace-id',
      'uberctx-env',
    ]);
  });

  test('B3 multi names its headers; debug swaps Sampled for Flags', () => {
    const multi = setPropagator(clean, 'b3', 'multi');
    expect(names(multi)).toEqual(
      expect.arrayContaining(['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled']),
    );
    expect(names(setPropagator(multi, 'debug', true))).toContain('x-b3-flags');
  });

  test('an invalid tracestate entry or no baggage entries add no name', () => {
    const draft = { ...setPropagator(clean, 'tracestate', 'BAD'), baggage: [] };
    expect(names(draft)).toEqual(['traceparent']);
    expect(names(setPropagator(clean, 'baggage', false))).toEqual(['traceparent']);
  });
});

describe('save state', () => {
  const saved = sampleConfig();
  const clean = draftFromConfig(saved);

  test('nothing to save', () => {
    const review = reviewDraft(clean, saved, PAGE);
    expect(review.dirty).toBe(false);
    expect(review.save).toEqual({ enabled: false, reason: 'No unsaved changes.' });
  });

  test('a valid change can be saved, with the parsed config', () => {
    const review = reviewDraft(setPropagator(clean, 'jaeger', true), saved, PAGE);
    expect(review.dirty).toBe(true);
    expect(review.save.enabled).toBe(true);
    if (review.save.enabled) expect(review.save.config.propagators.jaeger).toBe(true);
  });

  test('local problems block Save and say how many', () => {
    let draft = setPropagator(clean, 'tracestate', 'x');
    draft = setSamplingRatio(draft, '7');
    const review = reviewDraft(draft, saved, PAGE);
    expect(review.dirty).toBe(true);
    expect(review.issues).toHaveLength(2);
    expect(review.save).toEqual({ enabled: false, reason: 'Fix these 2 problems to save:' });
  });

  test('the default config reviews clean', () => {
    expect(reviewDraft(draftFromConfig(DEFAULT_CONFIG), DEFAULT_CONFIG, null).issues).toEqual([]);
  });
});
