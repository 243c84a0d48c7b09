import { describe, expect, test } from 'vitest';
import type { RecordedSpan } from '../../../src/core/span/model';
import { Batcher, FLUSH_DELAY_MS, MAX_BATCH } from '../../../src/devtools/recorder/batcher';

function span(n: number): RecordedSpan {
  return {
    traceId: n.toString(16).padStart(32, '0'),
    spanId: n.toString(16).padStart(16, '0'),
    name: `GET /${n}`,
    kind: 3,
    startTime: n,
    endTime: n + 1,
    attributes: {},
    events: [],
    status: { code: 0 },
    context: { tabId: 1, pageViewId: 'p', pageUrl: 'https://app.example/' },
    exported: 0,
  };
}

class InvalidSpans extends Error {
  constructor(readonly positions: number[]) {
    super('invalid spans');
  }
}

/** A manual clock: timers fire only when the test says so. */
function harness(write: (spans: readonly RecordedSpan[]) => void) {
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let next = 0;
  const log: string[] = [];
  const batcher = new Batcher({
    write: (spans) => {
      try {
        write(spans);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    onWritten: (count) => log.push(`written ${count}`),
    onFailed: (error, pending) => log.push(`failed ${String(error)} pending ${pending}`),
    invalidIn: (error) => (error instanceof InvalidSpans ? error.positions : []),
    onDropped: (spans) => log.push(`dropped ${spans.map((s) => s.startTime).join(',')}`),
    setTimer: (fn, ms) => {
      timers.push({ fn, ms, id: ++next });
      return next;
    },
    clearTimer: (id) => {
      const at = timers.findIndex((t) => t.id === id);
      if (at >= 0) timers.splice(at, 1);
    },
  });
  const fire = async () => {
    const timer = timers.shift();
    timer?.fn();
    await batcher.idle();
    return timer?.ms;
  };
  return { batcher, timers, log, fire };
}

describe('Batcher', () => {
  test('spans wait at most the flush delay and go out in one write', async () => {
    const writes: number[][] = [];
    const { batcher, timers, fire } = harness((spans) => {
      writes.push(spans.map((s) => s.startTime));
    });
    batcher.add(span(1));
    batcher.add(span(2));
    expect(timers.map((t) => t.ms)).toEqual([FLUSH_DELAY_MS]);
    expect(await fire()).toBe(FLUSH_DELAY_MS);
    expect(writes).toEqual([[1, 2]]);
  });

  test('a full batch is written at once', async () => {
    const writes: number[] = [];
    const { batcher, timers } = harness((spans) => {
      writes.push(spans.length);
    });
    for (let i = 0; i < MAX_BATCH; i++) batcher.add(span(i));
    expect(timers.at(-1)?.ms).toBe(0);
    await batcher.flush();
    expect(writes).toEqual([MAX_BATCH]);
  });

  test('a refused batch is kept ahead of newer spans and retried with backoff', async () => {
    let refuse = 2;
    const stored: number[] = [];
    const { batcher, timers, log, fire } = harness((spans) => {
      if (refuse > 0) {
        refuse -= 1;
        throw new Error('QuotaExceededError');
      }
      stored.push(...spans.map((s) => s.startTime));
    });
    batcher.add(span(1));
    await fire();
    expect(batcher.pending).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    batcher.add(span(2));
    expect(await fire()).toBe(1000);
    expect(timers.map((t) => t.ms)).toEqual([2000]);
    await fire();
    expect(stored).toEqual([1, 2]);
    expect(batcher.pending).toBe(0);
    expect(log).toEqual([
      'failed Error: QuotaExceededError pending 1',
      'failed Error: QuotaExceededError pending 2',
      'written 2',
    ]);
  });

  test('hands what the store says it stored to onWritten, for the live notice', async () => {
    const written: { count: number; stored: string }[] = [];
    const batcher = new Batcher<string>({
      write: (spans) => Promise.resolve(`stored ${String(spans.length)}`),
      onWritten: (count, stored) => written.push({ count, stored }),
      onFailed: () => undefined,
      invalidIn: () => [],
      onDropped: () => undefined,
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    batcher.add(span(1));
    batcher.add(span(2));
    await batcher.flush();
    expect(written).toEqual([{ count: 2, stored: 'stored 2' }]);
  });

  test('flush writes what is queued now (DevTools closing)', async () => {
    const stored: number[] = [];
    const { batcher } = harness((spans) => {
      stored.push(...spans.map((s) => s.startTime));
    });
    batcher.add(span(7));
    await batcher.flush();
    expect(stored).toEqual([7]);
  });

  test('a malformed span is dropped and reported; the rest of its batch is written', async () => {
    const stored: number[] = [];
    const { batcher, log, fire } = harness((spans) => {
      const bad = spans.flatMap((s, i) => (s.startTime === 2 ? [i] : []));
      if (bad.length > 0) throw new InvalidSpans(bad);
      stored.push(...spans.map((s) => s.startTime));
    });
    batcher.add(span(1));
    batcher.add(span(2));
    batcher.add(span(3));
    await fire();
    await fire();
    expect(stored).toEqual([1, 3]);
    expect(log).toEqual(['dropped 2', 'written 2']);
  });
});
