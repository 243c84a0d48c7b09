/**
 * Runs in an extension page (bundled by test/support/bundle.ts): the spans an export left
 * unexported, read the way the exporter reads them, so a test can tell what they are.
 */
import { openSpanStore } from '../../src/platform/span-store';

export interface LeftSpan {
  readonly spanId: string;
  readonly name: string;
  readonly url: string;
}

async function unexported(): Promise<LeftSpan[]> {
  const store = await openSpanStore();
  try {
    const { spans } = await store.nextExportBatch({ maxSpans: 1000, maxBytes: 64 * 1024 * 1024 });
    return spans.map((s) => ({
      spanId: s.spanId,
      name: s.name,
      url: String(s.attributes['url.full'] ?? ''),
    }));
  } finally {
    store.close();
  }
}

(globalThis as unknown as { exportLeft: { unexported: typeof unexported } }).exportLeft = {
  unexported,
};
