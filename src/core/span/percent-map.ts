/**
 * Percent-decoding that remembers where each decoded character came from, so that a secret found
 * in the decoded text can be replaced in the raw text, and every other raw byte copied unchanged.
 * Only ASCII escapes (`%00`–`%7F`) are decoded: every delimiter and every listed name is ASCII,
 * and the bytes of a non-ASCII character stay as their escapes, harmlessly.
 */
import type { RedactionWork } from './redaction-work';

const PERCENT = 0x25;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The character `%hh` at `i` stands for when it is an ASCII escape, else -1. */
export function asciiEscapeAt(s: string, i: number): number {
  if (s.charCodeAt(i) !== PERCENT) return -1;
  const hi = hexValue(s.charCodeAt(i + 1));
  const lo = hexValue(s.charCodeAt(i + 2));
  return hi >= 0 && hi < 8 && lo >= 0 ? hi * 16 + lo : -1;
}

/** True when [from, to) of `s` holds an ASCII escape: decoding it once more would change it. */
export function hasAsciiEscape(s: string, from: number, to: number, work: RedactionWork): boolean {
  for (let i = from; i < to; i++) {
    work.steps++;
    if (asciiEscapeAt(s, i) >= 0 && i + 3 <= to) return true;
  }
  return false;
}

export interface DecodedText {
  readonly text: string;
  /**
   * starts[i] is the raw offset (relative to the decoded range's start) where decoded character i
   * begins; starts[text.length] is the raw length. So decoded [a, b) is raw [starts[a], starts[b]).
   */
  readonly starts: Int32Array;
}

/** [from, to) of `s` with its ASCII escapes decoded once, and the map back to raw offsets. */
export function decodeWithMap(
  s: string,
  from: number,
  to: number,
  work: RedactionWork,
): DecodedText {
  const starts = new Int32Array(to - from + 1);
  let text = '';
  let run = from;
  let n = 0;
  let i = from;
  while (i < to) {
    work.steps++;
    const c = i + 3 <= to ? asciiEscapeAt(s, i) : -1;
    starts[n++] = i - from;
    if (c < 0) {
      i++;
      continue;
    }
    text += s.slice(run, i) + String.fromCharCode(c);
    i += 3;
    run = i;
  }
  text += s.slice(run, to);
  starts[n] = to - from;
  return { text, starts };
}

/** `raw` with its ASCII escapes decoded once (no map: for names, which are only compared). */
export function decodeOnce(raw: string, work: RedactionWork): string {
  work.steps += raw.length;
  if (!raw.includes('%')) return raw;
  return decodeWithMap(raw, 0, raw.length, work).text;
}
