import type { RecordedSpan } from '../../src/core/span/model';
import { openSpanStore, type SpanStore } from '../../src/platform/span-store';
import { v1All } from '../../test/fixtures/span-store-v1/v1-queries';
import { timed } from './bench-spans';

export interface MigrationResult {
  readonly ms: number;
  /** Spans in the version-1 database. */
  readonly before: number;
  /** Spans in the store once migrated. */
  readonly after: number;
  /** Version-1 spans with no span of their key after. */
  readonly lost: number;
  /** Spans whose JSON differs from before. */
  readonly changed: number;
}

/**
 * Opens the version-1 database `v1` (named `name`) with today's store, which migrates it, and
 * compares every span after with its JSON before. `v1` is closed first: the upgrade waits for it.
 */
export async function migrate(v1: IDBDatabase, name: string): Promise<MigrationResult> {
  const before = new Map(
    ((await v1All(v1)) as RecordedSpan[]).map((s) => [
      `${s.traceId}/${s.spanId}`,
      JSON.stringify(s),
    ]),
  );
  v1.close();
  let store: SpanStore | undefined;
  const ms = await timed(async () => {
    store = await openSpanStore({ name });
  });
  let after = 0;
  let found = 0;
  let changed = 0;
  for await (const block of store?.spanBlocks() ?? []) {
    for (const span of block) {
      after += 1;
      const was = before.get(`${span.traceId}/${span.spanId}`);
      if (was === undefined) continue;
      found += 1;
      if (was !== JSON.stringify(span)) changed += 1;
    }
  }
  store?.close();
  return { ms, before: before.size, after, lost: before.size - found, changed };
}
