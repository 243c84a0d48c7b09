/**
 * The Traces panel, timing itself, for bench/panel.bench.ts: built only with `vite build --mode
 * bench` and opened with no automation attached (an attached driver slows Chromium and changes
 * what is measured). It reports to `?report=` on the loopback server that started it:
 * - first rows: navigation start → the first request row in the DOM;
 * - all rows: → every stored row read and filterable (the panel's phase "complete");
 * - each keystroke of "status:5xx": the input event → the next painted frame after the list
 *   updated;
 * - the JS heap after load, after a full GC (Chromium with --expose-gc and precise memory info);
 * - the anchor: the same rows made the way a panel without compact rows would, by reading every
 *   full span and projecting it (what the store's rows spare the panel).
 */
import { render } from 'preact';
import { App } from '../../src/devtools/panel/App';
import { toPanelRow } from '../../src/devtools/panel/model/panel-row';
import { openSpanStore } from '../../src/platform/span-store';
import '../../src/devtools/panel/panel.css';
import { keystroke, painted, when } from './dom-timing';

const TYPED = 'status:5xx';

async function run(): Promise<void> {
  const report = new URLSearchParams(location.search).get('report');
  const root = document.getElementById('app');
  if (root === null || report === null) return;
  render(<App />, root);
  const firstRowsMs = await when(() => document.querySelector('.tbody [role="row"]') !== null);
  const allRowsMs = await when(
    () => document.querySelector('main[data-phase="complete"]') !== null,
  );
  const rows =
    Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0) - 1;
  await painted();
  const input = document.querySelector<HTMLInputElement>('[role="searchbox"]');
  const keystrokes: number[] = [];
  for (let i = 1; input !== null && i <= TYPED.length; i++) {
    keystrokes.push(await keystroke(input, TYPED.slice(0, i)));
  }
  const shown = document.querySelector('.counts')?.textContent ?? '';
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  const heapBytes = memory?.usedJSHeapSize ?? null;
  const store = await openSpanStore();
  const anchorStarted = performance.now();
  let fullRows = 0;
  for await (const block of store.spanBlocks()) fullRows += block.map(toPanelRow).length;
  const fullSpansMs = performance.now() - anchorStarted;
  store.close();
  await fetch(report, {
    method: 'POST',
    body: JSON.stringify({
      firstRowsMs,
      allRowsMs,
      rows,
      keystrokes,
      shown,
      heapBytes,
      gc: gc !== undefined,
      fullSpansMs,
      fullRows,
    }),
  });
}

void run();
