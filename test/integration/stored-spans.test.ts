// The e2e helper that reads the extension's spans past our store code, on both layouts.
import 'fake-indexeddb/auto';
import type { Worker } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openSpanStore } from '../../src/platform/span-store';
import { writeV1Spans } from '../fixtures/span-store-v1/v1-store';
import { storedLayout, storedSpans } from '../support/stored-spans';
import { span, spans } from './span-store-helpers';

/** A "worker" that runs the evaluated function here, on this process's fake IndexedDB. */
const here = {
  evaluate: (fn: (arg: unknown) => unknown, arg: unknown) => Promise.resolve(fn(arg)),
} as unknown as Worker;

describe('storedSpans', () => {
  test('reads nothing, and creates nothing, before there is a database', async () => {
    expect(await storedSpans(here)).toEqual([]);
    expect(await storedLayout(here)).toBeNull();
  });

  test('reads a version-1 database, then the same spans once migrated, export flags included', async () => {
    await writeV1Spans({ name: 'trace-capture', spans: spans(0, 10) });
    expect(await storedLayout(here)).toEqual({ version: 1, stores: ['spans'] });
    expect(await storedSpans(here)).toEqual(spans(0, 10));

    const store = await openSpanStore({ chunkLimits: { spans: 3, bytes: 1e9 } });
    const odd = span(20, { attributes: { notJson: Number.NaN } });
    await store.putBatch([odd]);
    await store.markExported([{ traceId: span(2).traceId, spanId: span(2).spanId }]);
    store.close();

    expect(await storedLayout(here)).toEqual({ version: 2, stores: ['chunks', 'meta', 'rows'] });
    const read = await storedSpans(here);
    expect(read).toEqual(
      [...spans(0, 10), odd].map((s, i) => (i === 2 ? { ...s, exported: 1 } : s)),
    );
  });
});
