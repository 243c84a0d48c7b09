/**
 * What the redaction scanner (redact-text.ts) works on: one text at one level of nesting, and
 * where it reports what to replace.
 */
import type { RedactionWork } from './redaction-work';

/** What a secret is replaced with, as the OpenTelemetry `url.full` guidance spells it. */
export const REDACTED = 'REDACTED';
/** Userinfo, with or without a password: `url.full` asks for `REDACTED:REDACTED`. */
export const REDACTED_USERINFO = `${REDACTED}:${REDACTED}`;
/**
 * How deep values are looked into: a URL in a query value is level 1, a URL in that one's query
 * level 2, and so on; each level is one more round of percent-decoding. A value at the last level
 * that could still hide a secret (it holds "=", "@" or an escape) is replaced whole.
 */
export const MAX_VALUE_DEPTH = 4;

/** Receives [from, to) of the scanned text, to be replaced by `replacement`, in increasing order. */
export type Sink = (from: number, to: number, replacement: string) => void;

/**
 * Where pairs split. A URL's at "&" and ";" (some servers still split on ";", and over-splitting
 * can only redact more); W3C Baggage's at "," (list members) and ";" (properties).
 */
export type PairSyntax = 'url' | 'baggage';

/** One text being scanned: the URL itself (depth 0), or a value decoded `depth` times. */
export interface Level {
  readonly text: string;
  readonly depth: number;
  /** True when the text was cut short: a value or authority that runs to its end is replaced. */
  readonly open: boolean;
  readonly sensitive: readonly string[];
  readonly work: RedactionWork;
  readonly sink: Sink;
}
