import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { describe, expect, test, vi } from 'vitest';
import { SPAN_DB_VERSION, StoreWriteError, type CloseReason } from '../../src/platform/span-store';
import { all, freshStore, keys, open, span, spans } from './span-store-helpers';

describe('two DevTools windows recording at once', () => {
  test('interleaved batches with shared and own spans leave each span exactly once', async () => {
    const { store: a, factory, name } = await freshStore();
    const b = await open({ factory, name });
    // A writes 0‥599 and B writes 400‥999, both in batches of 50, all in flight together.
    const batchesOf = (from: number, to: number) =>
      Array.from({ length: (to - from) / 50 }, (_, i) => spans(from + i * 50, from + i * 50 + 50));
    const fromA = batchesOf(0, 600);
    const fromB = batchesOf(400, 1000);
    const writes = fromA.flatMap((batch, i) => {
      const other = fromB[i];
      return other === undefined ? [a.putBatch(batch)] : [a.putBatch(batch), b.putBatch(other)];
    });
    await Promise.all(writes);

    expect(await a.counts()).toMatchObject({ spans: 1000, unexported: 1000 });
    expect(await all(a)).toEqual(spans(0, 1000));
    expect(await all(b)).toEqual(spans(0, 1000));
  });

  test('the same span written by both keeps one record', async () => {
    const { store: a, factory, name } = await freshStore();
    const b = await open({ factory, name });
    const shared = span(7);
    await Promise.all([a.putBatch([shared, span(1)]), b.putBatch([shared, span(2)])]);
    expect(keys(await all(a))).toEqual(keys([span(1), span(2), shared]));
    expect(await b.get(shared.traceId, shared.spanId)).toEqual(shared);
  });

  test('an exporter marking spans while a recorder writes loses neither', async () => {
    const { store: recorder, factory, name } = await freshStore();
    const exporter = await open({ factory, name });
    await recorder.putBatch(spans(0, 100));
    const batch = await exporter.nextExportBatch({ maxSpans: 60, maxBytes: 1e9 });
    await Promise.all([exporter.markExported(batch.refs), recorder.putBatch(spans(100, 200))]);
    expect(await recorder.counts()).toMatchObject({ spans: 200, unexported: 140 });
    const rest = await recorder.nextExportBatch({ maxSpans: 1000, maxBytes: 1e9 });
    expect(rest.spans).toEqual(spans(60, 200));
  });

  test('two windows appending small batches to the same open chunk lose nothing', async () => {
    const options = { chunkLimits: { spans: 16, bytes: 1e9 } };
    const { store: a, factory, name } = await freshStore(options);
    const b = await open({ ...options, factory, name });
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i += 2) {
      writes.push(a.putBatch([span(i)]), b.putBatch([span(i + 1), span(1000 + i)]));
    }
    await Promise.all(writes);
    expect(await a.counts()).toMatchObject({ spans: 150, unexported: 150 });
    expect(keys(await all(b))).toEqual(
      keys([...spans(0, 100), ...Array.from({ length: 50 }, (_, i) => span(1000 + 2 * i))]),
    );
  });

  test('the same page-view span upserted by two connections in turn keeps one copy', async () => {
    const options = { chunkLimits: { spans: 3, bytes: 1e9 } };
    const { store: a, factory, name } = await freshStore(options);
    const b = await open({ ...options, factory, name });
    const view = span(900, { kind: 1 });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? a : b).putBatch([span(i), { ...view, endTime: view.endTime + i }]),
      ),
    );
    const copies = (await all(a)).filter((s) => s.spanId === view.spanId);
    expect(copies).toEqual([{ ...view, endTime: view.endTime + 9 }]);
    expect(await a.counts()).toMatchObject({ spans: 11, unexported: 11 });
  });

  test('retention on one connection while the other writes never drops the new spans', async () => {
    const { store: a, factory, name } = await freshStore({ evictionBatch: 10 });
    const b = await open({ factory, name });
    await a.putBatch(spans(0, 200));
    // B's spans are the newest, so whichever batch it lands between, the oldest go first.
    const [evicted] = await Promise.all([
      a.enforceRetention({ maxSpans: 150, maxAgeMs: Number.POSITIVE_INFINITY }, 0),
      b.putBatch(spans(1000, 1100)),
    ]);
    const kept = await all(a);
    expect(kept.slice(-100)).toEqual(spans(1000, 1100));
    expect(kept.length + evicted).toBe(300);
    expect(await a.counts()).toMatchObject({ spans: kept.length, unexported: kept.length });
    expect(kept.length).toBeGreaterThanOrEqual(150);
    expect(kept.slice(0, -100)).toEqual(spans(200 - (kept.length - 100), 200));
  });
});

describe('a newer version of the database', () => {
  test('opened elsewhere is not blocked: this connection closes and says why', async () => {
    const onClose = vi.fn<(reason: CloseReason) => void>();
    const { store, factory, name } = await freshStore({ onClose });
    await store.putBatch([span(1)]);

    const blocked = vi.fn();
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, SPAN_DB_VERSION + 1);
      request.onblocked = blocked;
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('open failed'));
      };
    });
    upgraded.close();

    expect(blocked).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledExactlyOnceWith('versionchange');
    const error: unknown = await store.putBatch([span(2)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as Error).message).toBe(
      'IndexedDB refused to store 1 span: the store is closed (StoreClosedError: a newer version ' +
        'of Trace Capture opened the span database; reopen DevTools to record again). ' +
        'Nothing of the batch was stored.',
    );
    await expect(store.newestRows(1)).rejects.toThrow('a newer version of Trace Capture');
  });
});

describe('the browser dropping the connection', () => {
  test('is reported as terminated, and later calls reject', async () => {
    const factory = new IDBFactory();
    const openSpy = vi.spyOn(factory, 'open');
    const onClose = vi.fn<(reason: CloseReason) => void>();
    const store = await open({ factory, name: 'dropped', onClose });
    const connection = openSpy.mock.results[0]?.value as IDBOpenDBRequest;
    forceCloseDatabase(connection.result as never);

    expect(onClose).toHaveBeenCalledExactlyOnceWith('terminated');
    await expect(store.counts()).rejects.toThrow('the browser closed the span database');
  });
});
