/**
 * What the crash tests of both browsers share (chromium-/firefox-crash-faults): a server that
 * answers a steady stream of numbered requests and kills the browser on one of them, the page
 * script that sends the stream, and the checks of what the relaunched browser's store holds.
 */
import { expect } from 'vitest';
import type { RecordedSpan } from '../../src/core/span/model';
import { FLUSH_DELAY_MS } from '../../src/devtools/recorder/batcher';
import { html, startServer, type LocalServer } from './http-server';
import { traceparentFields } from './propagation-check';

/** Spans stored before the kill, so it lands in the middle of recording, not at its start. */
export const STORED_BEFORE_KILL = 100;
/**
 * What a span may wait beyond the flush delay before its batch is on disk: DevTools hands the
 * entry over after the response ended, and the batch's transaction takes a moment to commit. The
 * oldest lost request of twelve Chromium runs had ended 222 ms before the kill, of Firefox runs
 * 282 ms. The margin is as long as the delay itself, so that a loaded CI machine's slower commit
 * does not fail the tests; a span older than both was lost by something else than its batch still
 * waiting (the mutation that holds batches 8× longer loses spans 500–780 ms old).
 */
export const IN_FLIGHT_MS = 250;

interface Tick {
  /** The traceparent the request carried (the client span's own id). */
  readonly traceparent: string | string[] | undefined;
  /** When the server finished sending the answer (epoch ms), if it did. */
  endedAt?: number;
}

export const isTick = (url: unknown) => /\/tick\?n=\d+$/.test(String(url));

/** Runs in the page: one request every round trip plus 10 ms, until the browser dies. */
export function streamTicks(): void {
  void (async () => {
    for (let n = 0; ; n++) {
      await fetch(`/tick?n=${String(n)}`).then((r) => r.text());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
}

export interface TickServer {
  readonly server: LocalServer;
  /** Requests the server has seen. */
  readonly seen: () => number;
  /**
   * Kills `pid` with SIGKILL when a request 10–50 past the current one arrives; resolves with
   * when. A request number, not a poll of the store, picks the moment: a poll would see a commit
   * and so kill just after one, never late in a batch's wait.
   */
  killOnLaterTick(pid: number): Promise<{ readonly at: number; readonly tick: number }>;
  /** Checks the store after the relaunch against what the server saw (see below). */
  checkStore(
    all: readonly RecordedSpan[],
    storedEarlier: readonly RecordedSpan[],
    killedAt: number,
  ): { readonly stored: number; readonly lost: number; readonly ages: string };
}

export async function startTickServer(): Promise<TickServer> {
  const ticks = new Map<number, Tick>();
  let killOn = Number.POSITIVE_INFINITY;
  let kill = () => {};
  const server = await startServer({
    '/': html('<!doctype html><title>stream</title><body>stream</body>'),
    '/tick': (req, res, url) => {
      const n = Number(url.searchParams.get('n'));
      const tick: Tick = { traceparent: req.headers.traceparent };
      ticks.set(n, tick);
      if (n >= killOn) kill();
      res.on('finish', () => {
        tick.endedAt = Date.now();
      });
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('ok');
    },
  });
  return {
    server,
    seen: () => ticks.size,
    killOnLaterTick(pid) {
      return new Promise((resolve) => {
        kill = () => {
          kill = () => {};
          const at = Date.now();
          process.kill(pid, 'SIGKILL');
          resolve({ at, tick: killOn });
        };
        killOn = ticks.size + 10 + Math.floor(Math.random() * 40);
      });
    },
    checkStore(all, storedEarlier, killedAt) {
      // What the store held some moments before the kill is there, every span exactly as it was.
      const keyOf = (s: RecordedSpan) => `${s.traceId}/${s.spanId}`;
      const byKey = new Map(all.map((s) => [keyOf(s), s]));
      expect(storedEarlier.map((s) => byKey.get(keyOf(s)))).toEqual(storedEarlier);
      const stored = new Map(
        all
          .filter((s) => isTick(s.attributes['url.full']))
          .map((s) => [Number(new URL(String(s.attributes['url.full'])).searchParams.get('n')), s]),
      );
      // Each stored span is the request the server saw, with the id that request carried.
      for (const [n, span] of stored) {
        const sent = traceparentFields(ticks.get(n)?.traceparent);
        expect(sent, `tick ${String(n)}`).not.toBeNull();
        expect(span).toMatchObject({ traceId: sent?.traceId, spanId: sent?.spanId, kind: 3 });
        expect(span.attributes['http.response.status_code']).toBe(200);
      }
      const lost = [...ticks.keys()].filter((n) => !stored.has(n)).sort((a, b) => a - b);
      const lastStored = Math.max(...stored.keys());
      // No hole: what is missing is the tail of the stream, never a request in its middle.
      expect(lost.every((n) => n > lastStored)).toBe(true);
      expect(stored.size).toBe(lastStored + 1);
      // A request still unanswered at the kill never ended; those that did, ended just before it.
      const ages = lost.flatMap((n) => {
        const endedAt = ticks.get(n)?.endedAt;
        return endedAt === undefined ? [] : [killedAt - endedAt];
      });
      for (const age of ages) expect(age).toBeLessThanOrEqual(FLUSH_DELAY_MS + IN_FLIGHT_MS);
      // A negative age: the answer went out as the kill landed.
      return {
        stored: stored.size,
        lost: lost.length,
        ages: ages.length === 0 ? 'none answered' : `${ages.join(', ')} ms`,
      };
    },
  };
}
