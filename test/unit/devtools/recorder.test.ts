import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import type { PageViewContext } from '../../../src/core/span';
import type { RecordedSpan } from '../../../src/core/span/model';
import { Batcher } from '../../../src/devtools/recorder/batcher';
import { Recorder } from '../../../src/devtools/recorder/recorder';
import { counterRandom, harEntry, PAGE_VIEW, traceparent } from '../span/har-entries';

const OURS = traceparent('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', '03');

const OWN_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

function setup(
  views: (PageViewContext | null)[],
  config: Config = DEFAULT_CONFIG,
  pageUrl = 'https://app.example.com/',
) {
  const written: RecordedSpan[] = [];
  const batcher = new Batcher({
    write: (spans) => {
      written.push(...spans);
      return Promise.resolve();
    },
    onWritten: () => undefined,
    onFailed: () => undefined,
    invalidIn: () => [],
    onDropped: () => undefined,
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  const queue = [...views];
  const recorder = new Recorder({
    tabId: 7,
    random: counterRandom(),
    batcher,
    pageView: () => Promise.resolve(queue.shift() ?? null),
    pageUrl: () => Promise.resolve(pageUrl),
    settings: () => config,
    ownOrigin: OWN_ORIGIN,
    onInvalid: (error) => {
      throw new Error(error);
    },
  });
  const drain = async () => {
    await recorder.idle();
    await batcher.flush();
    return written;
  };
  return { recorder, drain };
}

describe('Recorder', () => {
  test("DevTools on one of the extension's own pages records nothing, not even the exports it sees", async () => {
    const { recorder, drain } = setup([null], DEFAULT_CONFIG, `${OWN_ORIGIN}/devtools/panel.html`);
    recorder.record(harEntry({ url: 'http://127.0.0.1:4318/v1/traces' }));
    expect(await drain()).toEqual([]);
    const web = setup([null], DEFAULT_CONFIG, 'https://app.example.com/');
    web.recorder.record(harEntry({ url: 'http://127.0.0.1:4318/v1/traces' }));
    expect(await web.drain()).toHaveLength(1);
  });

  test('redirect hops carrying one per-request context do not overwrite each other', async () => {
    const { recorder, drain } = setup([null]);
    recorder.record(harEntry({ url: 'https://app.example.com/a', status: 302, headers: [OURS] }));
    recorder.record(harEntry({ url: 'https://app.example.com/b', headers: [OURS] }));
    const [first, second] = await drain();
    expect(first).toMatchObject({ traceId: OURS.value.slice(3, 35), spanId: 'b7ad6b7169203331' });
    expect(first?.parentSpanId).toBeUndefined();
    expect(second?.traceId).toBe(first?.traceId);
    expect(second?.parentSpanId).toBe('b7ad6b7169203331');
    expect(second?.spanId).not.toBe('b7ad6b7169203331');
  });

  test('a request of the previous page view finishing after a navigation still joins that view', async () => {
    const next: PageViewContext = {
      ...PAGE_VIEW,
      spanId: '1111111111111111',
      url: 'https://app.example.com/next',
    };
    const { recorder, drain } = setup([PAGE_VIEW, next]);
    recorder.navigated('https://app.example.com/next');
    recorder.record(
      harEntry({ headers: [traceparent(PAGE_VIEW.traceId, PAGE_VIEW.spanId, '03')] }),
    );
    const spans = await drain();
    const client = spans.find((s) => s.kind === 3);
    expect(client).toMatchObject({ traceId: PAGE_VIEW.traceId, parentSpanId: PAGE_VIEW.spanId });
    expect(client?.attributes['browser.trace.context_source']).toBe('page-view');
    const pageView = spans.find((s) => s.kind === 1);
    expect(pageView).toMatchObject({ traceId: PAGE_VIEW.traceId, spanId: PAGE_VIEW.spanId });
    // Not the old view's id on a client span: nothing overwrites the page-view span.
    expect(spans.filter((s) => s.spanId === PAGE_VIEW.spanId)).toHaveLength(1);
  });

  test('with recording off nothing is written', async () => {
    const off = { ...DEFAULT_CONFIG, recording: { ...DEFAULT_CONFIG.recording, enabled: false } };
    const { recorder, drain } = setup([null], off);
    recorder.record(harEntry());
    expect(await drain()).toEqual([]);
  });
});
