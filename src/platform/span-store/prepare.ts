import { compactRow, type CompactRow } from '../../core/span/compact-row';
import type { RecordedSpan } from '../../core/span/model';
import {
  encodedSize,
  encodeSpan,
  unstorableBecause,
  type EncodedSpan,
} from '../../core/span/span-codec';
import { describeError, StoreWriteError } from './errors';
import { keyText } from './records';

/** A span checked, encoded and projected, ready to be placed in a chunk. */
export interface PreparedSpan {
  readonly key: string;
  readonly span: EncodedSpan;
  readonly row: CompactRow;
  readonly size: number;
}

export const NOTHING_STORED = 'Nothing of the batch was stored.';

/**
 * The batch checked and encoded before any transaction opens, so a span that can never be
 * stored fails the batch whole, naming its position (`invalid`), and nothing is written.
 * A key given twice is stored once: the last copy wins, as two puts in a row would.
 */
export function prepareBatch(spans: readonly RecordedSpan[], action: string): PreparedSpan[] {
  const invalid: number[] = [];
  const problems: { at: number; why: string; cause: unknown }[] = [];
  const byKey = new Map<string, PreparedSpan>();
  spans.forEach((span, at) => {
    let why: string | null;
    let prepared: PreparedSpan | Error;
    try {
      why = unstorableBecause(span);
      prepared = why === null ? prepareSpan(span) : new TypeError(`span ${why}`);
    } catch (error) {
      // A getter that throws, say: this span can never be stored, the others still can.
      why = 'cannot be read';
      prepared = error instanceof Error ? error : new Error(String(error));
    }
    if (prepared instanceof Error) {
      invalid.push(at);
      problems.push({ at, why: why ?? 'cannot be cloned', cause: prepared });
      return;
    }
    byKey.delete(prepared.key);
    byKey.set(prepared.key, prepared);
  });
  const first = problems[0];
  if (first !== undefined) {
    const count =
      invalid.length === 1 ? '1 invalid span' : `${String(invalid.length)} invalid spans`;
    const detail = first.cause instanceof DOMException ? ` (${describeError(first.cause)})` : '';
    throw new StoreWriteError(
      `Refusing to ${action}: span #${String(first.at)} ${first.why}${detail} (${count}). ${NOTHING_STORED}`,
      first.cause,
      invalid,
    );
  }
  return [...byKey.values()];
}

/**
 * One span that passed `unstorableBecause`, or the DataCloneError it would fail with. A span JSON
 * cannot keep exactly is stored as an object, so it must survive structured clone; trying that
 * here names the span instead of failing the whole chunk's put later.
 */
export function prepareSpan(span: RecordedSpan): PreparedSpan | Error {
  const encoded = encodeSpan(span);
  if (typeof encoded !== 'string') {
    try {
      structuredClone(encoded);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
  return {
    key: keyText(span.traceId, span.spanId),
    span: encoded,
    row: compactRow(span),
    size: encodedSize(encoded),
  };
}
