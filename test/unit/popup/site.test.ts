import { describe, expect, test } from 'vitest';
import {
  pageOrigin,
  siteView,
  tabIdFromSearch,
  withGlobal,
  withSite,
} from '../../../src/popup/model';
import { sampleConfig } from './fixtures';

const config = sampleConfig({ sites: ['https://app.example.com'] });

describe('siteView', () => {
  test('while the tab is being read', () => {
    expect(siteView(config, { kind: 'loading' })).toEqual({ kind: 'loading' });
  });

  test('a page that is not http(s) cannot be traced', () => {
    const view = siteView(config, { kind: 'found', origin: null });
    expect(view.kind).toBe('untraceable');
    if (view.kind === 'untraceable') expect(view.reason).toMatch(/^This page can’t be traced\./);
  });

  test('a tab that could not be read cannot be traced either, and says why', () => {
    const view = siteView(config, { kind: 'failed', error: 'no answer' });
    expect(view).toMatchObject({ kind: 'untraceable' });
    if (view.kind === 'untraceable') expect(view.reason).toMatch(/can’t be traced.*no answer/);
  });

  test('an enabled site injects while the global switch is on', () => {
    const tab = { kind: 'found', origin: 'https://app.example.com' } as const;
    expect(siteView(config, tab)).toEqual({
      kind: 'site',
      origin: 'https://app.example.com',
      enabled: true,
      matchedBy: ['https://app.example.com'],
      injecting: true,
      problem: null,
    });
    expect(siteView(withGlobal(config, false), tab)).toMatchObject({
      enabled: true,
      injecting: false,
    });
  });

  test('a tab the background failed closed is enabled but not injecting, and says why', () => {
    const problem = "Chrome refused this tab's request rules (quota)";
    const tab = { kind: 'found', origin: 'https://app.example.com', problem } as const;
    expect(siteView(config, tab)).toMatchObject({ enabled: true, injecting: false, problem });
    // Off by the user's choice, the tab's rules are no problem of theirs.
    expect(siteView(withGlobal(config, false), tab)).toMatchObject({ problem: null });
  });

  test('a site enabled by a wildcard names the pattern', () => {
    const wild = sampleConfig({ sites: ['https://*.example.com'] });
    expect(siteView(wild, { kind: 'found', origin: 'https://app.example.com' })).toMatchObject({
      enabled: true,
      matchedBy: ['https://*.example.com'],
    });
  });

  test('another site is not enabled', () => {
    expect(siteView(config, { kind: 'found', origin: 'https://other.example' })).toMatchObject({
      enabled: false,
      injecting: false,
    });
  });
});

describe('the site switch', () => {
  const tab = (origin: string) => ({ kind: 'found', origin }) as const;

  test('turning it on enables the origin, turning it off disables it again', () => {
    const on = withSite(config, 'https://new.example', true);
    expect(siteView(on, tab('https://new.example'))).toMatchObject({ enabled: true });
    expect(siteView(on, tab('https://app.example.com'))).toMatchObject({ enabled: true });
    const off = withSite(on, 'https://new.example', false);
    expect(siteView(off, tab('https://new.example'))).toMatchObject({ enabled: false });
  });

  test('only the sites list changes', () => {
    const on = withSite(config, 'https://new.example', true);
    expect({ ...on, sites: config.sites }).toEqual(config);
  });
});

test('pageOrigin is known only once the tab is found', () => {
  expect(pageOrigin({ kind: 'loading' })).toBeNull();
  expect(pageOrigin({ kind: 'failed', error: 'x' })).toBeNull();
  expect(pageOrigin({ kind: 'found', origin: 'https://a.example' })).toBe('https://a.example');
});

describe('tabIdFromSearch', () => {
  test.each([
    ['?tabId=123', 123],
    ['?x=1&tabId=0', 0],
    ['', null],
    ['?tabId=', null],
    ['?tabId=-1', null],
    ['?tabId=1.5', null],
    ['?tabId=abc', null],
    ['?tabId=99999999999999999999', null],
  ])('%j → %j', (search, id) => {
    expect(tabIdFromSearch(search)).toBe(id);
  });
});
