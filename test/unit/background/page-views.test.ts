import { beforeEach, describe, expect, test, vi } from 'vitest';
import { LearnedHeaders } from '../../../src/background/learned-headers';
import { PageViews } from '../../../src/background/page-views';
import { DEFAULT_CONFIG, MAX_LEARNED_UBERCTX, RETIRED_VIEW_MS } from '../../../src/core/config';

/** storage.session as a map, cloned on the way in and out as the browser does. */
const { session } = vi.hoisted(() => ({ session: new Map<string, unknown>() }));

vi.mock('../../../src/platform/storage', () => ({
  readSession: (key: string) => Promise.resolve(structuredClone(session.get(key))),
  writeSession: (key: string, value: unknown) => {
    session.set(key, structuredClone(value));
    return Promise.resolve();
  },
}));

const random = (bytes: Uint8Array) => {
  bytes.fill(7);
};

describe('PageViews: a view outlives its document by RETIRED_VIEW_MS', () => {
  let now = 1_000;
  const views = () => new PageViews(random, () => now);
  const tabsOf = (pv: PageViews) => pv.all().map(({ view, slot }) => [view.url, slot]);

  beforeEach(() => {
    session.clear();
    now = 1_000;
  });

  test('a retired view has no current view, but its rules stay until its time is up', () => {
    const pv = views();
    pv.rotate(5, 'https://app.example.com/', DEFAULT_CONFIG);
    pv.retire(5);
    expect(pv.get(5)).toBeNull();
    expect(tabsOf(pv)).toEqual([['https://app.example.com/', 0]]);
    expect(pv.nextExpiry()).toBe(1_000 + RETIRED_VIEW_MS);
    now += RETIRED_VIEW_MS;
    expect(tabsOf(pv)).toEqual([]);
    expect(pv.nextExpiry()).toBeNull();
  });

  test('a new document of another origin retires the old view, which keeps its own slot', () => {
    const pv = views();
    pv.rotate(5, 'https://app.example.com/', DEFAULT_CONFIG);
    pv.rotate(5, 'https://other.example.com/', DEFAULT_CONFIG);
    expect(pv.get(5)?.url).toBe('https://other.example.com/');
    expect(tabsOf(pv)).toEqual([
      ['https://other.example.com/', 1],
      ['https://app.example.com/', 0],
    ]);
  });

  test('a new document of the same origin takes the slot over: its rules cover the old one', () => {
    const pv = views();
    pv.rotate(5, 'https://app.example.com/a', DEFAULT_CONFIG);
    pv.rotate(5, 'https://app.example.com/b', DEFAULT_CONFIG);
    expect(tabsOf(pv)).toEqual([['https://app.example.com/b', 0]]);
    expect(pv.nextExpiry()).toBeNull();
  });

  test('a restarted worker restores current and retired views from session storage', async () => {
    const pv = views();
    pv.rotate(5, 'https://app.example.com/', DEFAULT_CONFIG);
    pv.rotate(6, 'https://app.example.com/x', DEFAULT_CONFIG);
    pv.retire(6);
    const restored = views();
    await restored.restore();
    expect(restored.get(5)?.url).toBe('https://app.example.com/');
    expect(tabsOf(restored)).toEqual(tabsOf(pv));
  });
});

describe('LearnedHeaders: configured names stay for the session', () => {
  beforeEach(() => {
    session.clear();
  });

  test('a key removed from the settings stays named, and takes none of the learned cap', async () => {
    const learned = new LearnedHeaders();
    learned.remember(['uberctx-tenant']);
    learned.remember([]);
    expect(learned.names).toEqual(['uberctx-tenant']);
    expect(learned.learn(['uberctx-tenant'])).toEqual({
      known: ['uberctx-tenant'],
      refused: [],
      added: false,
    });
    const pageNames = Array.from(
      { length: MAX_LEARNED_UBERCTX },
      (_, i) => `uberctx-p${String(i)}`,
    );
    expect(learned.learn(pageNames).refused).toEqual([]);
    const restored = new LearnedHeaders();
    await restored.restore();
    expect(restored.names).toEqual([...pageNames, 'uberctx-tenant'].sort());
  });
});
