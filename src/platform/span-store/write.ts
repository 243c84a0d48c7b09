import type { RecordedSpan } from '../../core/span/model';
import { errorName, refusal, StoreWriteError } from './errors';
import type { SpanKey } from './schema';
import { writeTransaction, type Connection } from './transaction';

const NOTHING_STORED = 'Nothing of the batch was stored.';

/** One transaction for the whole batch: every span is stored, or none is. */
export async function putBatch(db: Connection, spans: readonly RecordedSpan[]): Promise<void> {
  if (spans.length === 0) return;
  const action = `store ${plural(spans.length, 'span')}`;
  const invalid = invalidSpans(spans);
  if (invalid.length > 0) {
    const problem = `span #${String(invalid[0])} lacks a key or an indexed field`;
    throw new StoreWriteError(
      `Refusing to ${action}: ${problem} (${plural(invalid.length, 'invalid span')}). ${NOTHING_STORED}`,
      new TypeError(problem),
      invalid,
    );
  }
  let unstorable: number | undefined;
  try {
    await writeTransaction(db, (store) => {
      spans.forEach((span, i) => {
        try {
          store.put(span);
        } catch (error) {
          // put throws synchronously for a value it can never store (a bad key, an uncloneable
          // value); writeTransaction then aborts, which rolls back the spans queued before it.
          if (errorName(error) === 'DataCloneError' || errorName(error) === 'DataError') {
            unstorable = i;
          }
          throw error;
        }
      });
    });
  } catch (error) {
    const refused = refusal(action, error, NOTHING_STORED);
    if (unstorable === undefined) throw refused;
    throw new StoreWriteError(refused.message, error, [unstorable]);
  }
}

/** Sets `exported` to 1 on each span still stored; a span evicted meanwhile is skipped. */
export async function markExported(db: Connection, keys: readonly SpanKey[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    await writeTransaction(db, (store) => {
      for (const key of keys) {
        const read = store.get([...key]);
        read.onsuccess = () => {
          const span = read.result as RecordedSpan | undefined;
          if (span?.exported === 0) store.put({ ...span, exported: 1 });
        };
      }
    });
  } catch (error) {
    throw refusal(`mark ${plural(keys.length, 'span')} exported`, error, 'None was marked.');
  }
}

export async function clear(db: Connection): Promise<void> {
  try {
    await writeTransaction(db, (store) => {
      store.clear();
    });
  } catch (error) {
    throw refusal('clear the spans', error, 'Nothing was removed.');
  }
}

/**
 * Positions of spans without a valid key or indexed field. IndexedDB would store a span whose
 * `startTime` or `exported` is not a valid key but leave it out of those indexes, where retention
 * and the exporter would never find it: kept forever, never exported.
 */
function invalidSpans(spans: readonly unknown[]): number[] {
  const invalid: number[] = [];
  spans.forEach((span, i) => {
    if (!isStorable(span)) invalid.push(i);
  });
  return invalid;
}

function isStorable(span: unknown): boolean {
  if (typeof span !== 'object' || span === null) return false;
  const { traceId, spanId, startTime, exported, context } = span as Record<string, unknown>;
  return (
    isId(traceId) &&
    isId(spanId) &&
    typeof startTime === 'number' &&
    Number.isFinite(startTime) &&
    (exported === 0 || exported === 1) &&
    typeof context === 'object' &&
    context !== null &&
    isId((context as Record<string, unknown>).pageViewId)
  );
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function plural(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}
