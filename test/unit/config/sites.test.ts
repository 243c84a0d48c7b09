import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  isSiteEnabled,
  matchingSites,
  parseConfig,
  setSiteEnabled,
  type Config,
} from '../../../src/core/config';

const CONFIG: Config = {
  ...DEFAULT_CONFIG,
  sites: ['http://localhost:*', 'https://app.example.com', 'https://*.example.com'],
};

describe('matchingSites', () => {
  test.each([
    ['http://localhost:3000', ['http://localhost:*']],
    ['https://app.example.com', ['https://app.example.com', 'https://*.example.com']],
    ['https://app.example.com/deep/page?x', ['https://app.example.com', 'https://*.example.com']],
    ['https://b.example.com', ['https://*.example.com']],
    ['https://example.com', []],
    ['null', []],
  ])('%s → %j', (origin, expected) => {
    expect(matchingSites(CONFIG, origin)).toEqual(expected);
  });
});

describe('setSiteEnabled', () => {
  test('on: adds the exact origin in canonical form', () => {
    const next = setSiteEnabled(DEFAULT_CONFIG, 'HTTPS://Shop.Example.org:443/cart', true);
    expect(next.sites).toEqual(['https://shop.example.org']);
    expect(isSiteEnabled(next, 'https://shop.example.org')).toBe(true);
    expect(parseConfig(next)).toEqual({ ok: true, config: next });
  });

  test('on: keeps non-default ports and IPv6 hosts', () => {
    expect(setSiteEnabled(DEFAULT_CONFIG, 'http://[::1]:3000', true).sites).toEqual([
      'http://[::1]:3000',
    ]);
    expect(setSiteEnabled(DEFAULT_CONFIG, 'http://127.0.0.1:8080/', true).sites).toEqual([
      'http://127.0.0.1:8080',
    ]);
  });

  test('on: an origin a pattern already covers changes nothing', () => {
    expect(setSiteEnabled(CONFIG, 'http://localhost:5173', true)).toBe(CONFIG);
  });

  test('on: leaves the global switch alone', () => {
    const off = { ...DEFAULT_CONFIG, enabled: false };
    const next = setSiteEnabled(off, 'https://a.example', true);
    expect(next.enabled).toBe(false);
    expect(next.sites).toEqual(['https://a.example']);
  });

  test('off: removes every matching pattern, wildcards included', () => {
    const next = setSiteEnabled(CONFIG, 'https://app.example.com', false);
    expect(next.sites).toEqual(['http://localhost:*']);
    expect(isSiteEnabled(next, 'https://app.example.com')).toBe(false);
    expect(isSiteEnabled(next, 'https://b.example.com')).toBe(false);
  });

  test('off: an origin no pattern covers changes nothing', () => {
    expect(setSiteEnabled(CONFIG, 'https://example.org', false)).toBe(CONFIG);
  });

  test.each([
    'null',
    'about:blank',
    'chrome://extensions',
    'file:///x.html',
    'https://a.example./',
  ])('%s cannot be a site: nothing changes', (origin) => {
    expect(setSiteEnabled(DEFAULT_CONFIG, origin, true)).toBe(DEFAULT_CONFIG);
  });

  test('does not touch the input', () => {
    const before = JSON.stringify(CONFIG);
    setSiteEnabled(CONFIG, 'https://new.example.org', true);
    setSiteEnabled(CONFIG, 'https://app.example.com', false);
    expect(JSON.stringify(CONFIG)).toBe(before);
  });
});
