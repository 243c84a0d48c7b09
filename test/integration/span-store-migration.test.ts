import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test, vi } from 'vitest';
import { compareRows } from '../../src/core/span/compact-row';
import type { RecordedSpan } from '../../src/core/span/model';
import { openSpanStore } from '../../src/platform/span-store';
import { readV1Spans, writeV1Spans } from '../fixtures/span-store-v1/v1-store';
import { all, allRows, count, hex, open, rawChunks, span, T0 } from './span-store-helpers';

/** What a user's version-1 database holds after a while: many traces, tabs, page views. */
function recorded(n: number): RecordedSpan[] {
  return Array.from({ length: n }, (_, i) => {
    // Start times out of write order, with ties.
    const start = T0 + ((i * 7919) % n) / 2;
    return span(i, {
      traceId: hex(i % 13, 32),
      startTime: start,
      endTime: start + (i % 50),
      pageViewId: hex(0x100 + (i % 5), 16),
      tabId: 3 + (i % 2),
      exported: i % 3 === 0 ? 1 : 0,
      attributes: {
        'http.request.method': i % 4 === 0 ? 'POST' : 'GET',
        'url.full': `https://api${String(i % 3)}.example.com/items/${String(i)}`,
        'http.response.status_code': i % 10 === 0 ? 500 : 200,
        'browser.trace.context_source': 'extension',
        // Sizes differ, so chunks fill by bytes as well as by count.
        padding: 'x'.repeat((i * 37) % 900),
        ...(i === 5 ? { notJson: Number.NaN } : {}),
      },
    });
  });
}

async function v1Database(spans: readonly RecordedSpan[]) {
  const factory = new IDBFactory();
  const name = 'trace-capture-v1';
  await writeV1Spans({ factory, name, spans });
  return { factory, name };
}

/** The migration's own record in `meta`. */
async function migrationRecord(factory: IDBFactory, name: string): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  try {
    return await new Promise((resolve, reject) => {
      const request = db.transaction('meta').objectStore('meta').get('migration');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('read failed'));
      };
    });
  } finally {
    db.close();
  }
}

describe('opening a version-1 database', () => {
  test('carries every span over, exactly, and drops the old store', async () => {
    const spans = recorded(1500);
    const { factory, name } = await v1Database(spans);
    const store = await open({ factory, name });

    const expected = [...spans].sort(compareRows);
    expect(await all(store)).toEqual(expected);
    expect(await store.counts()).toMatchObject({
      spans: 1500,
      unexported: spans.filter((s) => s.exported === 0).length,
    });
    expect((await allRows(store)).map((r) => r.exported)).toEqual(expected.map((s) => s.exported));
    expect(await migrationRecord(factory, name)).toEqual({
      key: 'migration',
      fromVersion: 1,
      moved: 1500,
      skipped: 0,
    });
    const after = await readV1Spans({ factory, name });
    expect(after.version).toBe(2);
    expect(after.stores).toEqual(['chunks', 'meta', 'rows']);
  });

  test('files spans into chunks in start-time order, so each chunk covers a short time', async () => {
    const spans = recorded(600);
    const { factory, name } = await v1Database(spans);
    await open({ factory, name });
    const chunks = await rawChunks(factory, name);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((c) => c.keys)).toEqual(
      [...spans].sort(compareRows).map((s) => `${s.traceId}/${s.spanId}`),
    );
  });

  test('leaves a store every query and write works on', async () => {
    const spans = recorded(400);
    const { factory, name } = await v1Database(spans);
    const store = await open({ factory, name });
    const trace = hex(4, 32);
    expect(await store.spansOfTrace(trace)).toEqual(
      spans
        .filter((s) => s.traceId === trace)
        .sort((a, b) => a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : 1)),
    );
    const view = hex(0x102, 16);
    expect(await store.spansOfPageView(view)).toEqual(
      [...spans].sort(compareRows).filter((s) => s.context.pageViewId === view),
    );
    const batch = await store.nextExportBatch({ maxSpans: 50, maxBytes: 1e9 });
    expect(batch.spans).toEqual(
      [...spans]
        .sort(compareRows)
        .filter((s) => s.exported === 0)
        .slice(0, 50),
    );
    const fresh = span(5000, { startTime: T0 + 1000 });
    await store.putBatch([fresh, { ...spans[1], name: 'upserted' } as RecordedSpan]);
    expect(await count(store)).toBe(401);
    expect((await store.newestRows(1))[0]?.spanId).toBe(fresh.spanId);
    expect((await store.get(hex(1, 32), hex(2, 16)))?.name).toBe('upserted');
  });

  test('of an empty version-1 database leaves an empty store', async () => {
    const { factory, name } = await v1Database([]);
    const store = await open({ factory, name });
    expect(await store.counts()).toMatchObject({ spans: 0, unexported: 0 });
    expect(await migrationRecord(factory, name)).toMatchObject({ moved: 0, skipped: 0 });
  });

  test('counts a record version 1 could never have written, and carries the rest', async () => {
    const spans = recorded(20);
    const { factory, name } = await v1Database(spans);
    // Written past version 1's checks (by hand, say): no start time to sort it by.
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('spans', 'readwrite');
        tx.objectStore('spans').put({ ...span(99), startTime: 'yesterday' });
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onabort = () => {
          reject(tx.error ?? new Error('aborted'));
        };
      };
      request.onerror = () => {
        reject(request.error ?? new Error('open failed'));
      };
    });
    const store = await open({ factory, name });
    expect(await all(store)).toEqual([...spans].sort(compareRows));
    expect(await migrationRecord(factory, name)).toMatchObject({ moved: 20, skipped: 1 });
  });
});

describe('a migration cut short', () => {
  type Put = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey>;
  const realPut = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')?.value as Put;

  /** The page going away mid-upgrade: the browser aborts the upgrade transaction. */
  function abortAtPut(n: number) {
    let calls = 0;
    return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      calls += 1;
      const request = realPut.call(this, value, key);
      if (calls === n) this.transaction.abort();
      return request;
    });
  }

  function abortAtStep(n: number) {
    type Continue = (this: IDBCursor, key?: IDBValidKey) => void;
    const realContinue = Object.getOwnPropertyDescriptor(IDBCursor.prototype, 'continue')
      ?.value as Continue;
    let calls = 0;
    return vi.spyOn(IDBCursor.prototype, 'continue').mockImplementation(function (
      this: IDBCursor,
      key?: IDBValidKey,
    ) {
      calls += 1;
      if (calls === n) {
        this.request.transaction?.abort();
        return;
      }
      realContinue.call(this, key);
    });
  }

  const spans = recorded(700);

  /** How many puts the whole upgrade makes, counted on a copy. */
  async function upgradePuts(): Promise<number> {
    const copy = await v1Database(spans);
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put');
    (await openSpanStore(copy)).close();
    const puts = spy.mock.calls.length;
    spy.mockRestore();
    return puts;
  }

  test.each([
    ['its first chunk', () => abortAtPut(1)],
    ['a chunk halfway', (puts: number) => abortAtPut(Math.ceil(puts / 2))],
    ['its very last write', (puts: number) => abortAtPut(puts)],
    ['reading the old spans', () => abortAtStep(350)],
  ])('at %s leaves version 1 whole, and the next open migrates all', async (_, cut) => {
    const puts = await upgradePuts();
    expect(puts).toBeGreaterThan(20);
    const { factory, name } = await v1Database(spans);
    const spy = cut(puts);
    await expect(openSpanStore({ factory, name })).rejects.toMatchObject({ name: 'AbortError' });
    spy.mockRestore();

    const untouched = await readV1Spans({ factory, name });
    expect(untouched.version).toBe(1);
    expect(untouched.stores).toEqual(['spans']);
    expect(untouched.spans).toHaveLength(700);

    const store = await open({ factory, name });
    expect(await all(store)).toEqual([...spans].sort(compareRows));
    expect(await migrationRecord(factory, name)).toMatchObject({ moved: 700, skipped: 0 });
  });

  test('by a failure of its own rejects with that failure and leaves version 1 whole', async () => {
    const { factory, name } = await v1Database(spans);
    const spy = vi.spyOn(IDBDatabase.prototype, 'deleteObjectStore').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    await expect(openSpanStore({ factory, name })).rejects.toThrow('disk on fire');
    spy.mockRestore();
    expect((await readV1Spans({ factory, name })).spans).toHaveLength(700);
    expect(await all(await open({ factory, name }))).toHaveLength(700);
  });
});
