/**
 * Importing a HAR file (HAR 1.2, `{ log: { entries: […] } }`, as DevTools and other browsers
 * export it): each entry becomes a span through harEntryToSpan, exactly as the recorder maps a
 * live request (redaction included). Whole-file problems end the import with one error; a bad
 * entry is reported by its index and the others are imported. Never throws.
 */
import { harEntryToSpan, type MapContext } from '../../../core/span/har-to-span';
import type { RecordedSpan } from '../../../core/span/model';

/** Entries mapped from one file: the store's default retention (recording.maxSpans). */
export const MAX_IMPORTED_ENTRIES = 100_000;
/** Characters of text read; a HAR of 100,000 entries without bodies is well under this. */
export const MAX_HAR_TEXT_LENGTH = 256 * 1024 * 1024;

export interface EntryIssue {
  /** Position in log.entries. */
  readonly index: number;
  readonly message: string;
}

export type HarImport =
  | {
      readonly ok: true;
      readonly spans: RecordedSpan[];
      /** Entries that could not be read (harEntryToSpan's `invalid`). */
      readonly errors: EntryIssue[];
      /** Entries that are not http(s) requests (data:, blob:, ws:, …). */
      readonly skipped: EntryIssue[];
      /** Entries beyond MAX_IMPORTED_ENTRIES, not read. */
      readonly notRead: number;
    }
  | { readonly ok: false; readonly error: string };

function fail(error: string): HarImport {
  return { ok: false, error };
}

function own(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Readonly<Record<string, unknown>>)[key]
    : undefined;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** log.entries of a parsed HAR, or why there are none. */
export function harEntries(parsed: unknown): readonly unknown[] | string {
  if (!isObject(parsed)) return 'the file is not a HAR: the top level is not an object';
  const log = own(parsed, 'log');
  if (log === undefined) return 'the file is not a HAR: log is missing';
  if (!isObject(log)) return 'the file is not a HAR: log is not an object';
  const entries = own(log, 'entries');
  if (entries === undefined) return 'log.entries is missing';
  if (!Array.isArray(entries)) return 'log.entries is not an array';
  return entries as readonly unknown[];
}

export function importHar(text: string, ctx: MapContext): HarImport {
  if (typeof text !== 'string') return fail('the file is not text');
  if (text.length > MAX_HAR_TEXT_LENGTH) {
    return fail(`the file is larger than ${MAX_HAR_TEXT_LENGTH / 1024 / 1024} MiB`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  const entries = harEntries(parsed);
  if (typeof entries === 'string') return fail(entries);
  const spans: RecordedSpan[] = [];
  const errors: EntryIssue[] = [];
  const skipped: EntryIssue[] = [];
  const count = Math.min(entries.length, MAX_IMPORTED_ENTRIES);
  for (let index = 0; index < count; index++) {
    const result = harEntryToSpan(entries[index], ctx);
    if (result.kind === 'span') spans.push(result.span);
    else if (result.kind === 'skipped') skipped.push({ index, message: result.reason });
    else errors.push({ index, message: result.error });
  }
  return { ok: true, spans, errors, skipped, notRead: entries.length - count };
}
