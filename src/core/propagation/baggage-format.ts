import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  BAGGAGE_OCTETS,
  normalizeBaggageProperties,
  parseBaggage,
  type BaggageEntry,
} from './baggage';
import { percentEncodeUtf8 } from './percent';
import { isToken } from './text';

/** Characters a value keeps as is: baggage-octets minus "%", which must be encoded (§3.2.1.3). */
const VALUE_KEEP = BAGGAGE_OCTETS.slice();
VALUE_KEEP[0x25] = 0;

/** W3C Baggage §3.2.1.3: the value as UTF-8 with everything outside baggage-octet, and "%", escaped. */
export function encodeBaggageValue(value: string): string {
  return percentEncodeUtf8(value, VALUE_KEEP);
}

/**
 * One list-member `key=value[;properties]` as it goes on the wire, or null when the key is not a
 * token or the metadata is not a valid property list (such a member is never sent).
 */
export function formatBaggageMember(entry: BaggageEntry): string | null {
  if (!isToken(entry.key)) return null;
  const member = entry.key + '=' + encodeBaggageValue(entry.value);
  if (entry.metadata === undefined) return member;
  const properties = normalizeBaggageProperties(entry.metadata);
  if (properties === null) return null;
  return properties === '' ? member : member + ';' + properties;
}

/**
 * W3C Baggage §3.2 and §3.3: the header value for `entries`, in order. Invalid members are skipped;
 * beyond 64 members or 8192 bytes whole members are dropped, never cut (members are ASCII after
 * encoding, so characters are bytes). Empty string when nothing is left.
 */
export function formatBaggage(entries: readonly BaggageEntry[]): string {
  let out = '';
  let members = 0;
  for (const entry of entries) {
    if (members >= BAGGAGE_MAX_MEMBERS) break;
    const member = formatBaggageMember(entry);
    if (member === null) continue;
    const length = out.length + (members === 0 ? 0 : 1) + member.length;
    // A member that does not fit is dropped whole; a later, shorter one may still fit.
    if (length > BAGGAGE_MAX_BYTES) continue;
    out += (members === 0 ? '' : ',') + member;
    members++;
  }
  return out;
}

/**
 * Bytes the formatted header takes for all valid `entries` before the 8192-byte limit is applied,
 * so a settings page can show "N / 8192 bytes" and make an overflow visible.
 */
export function baggageByteLength(entries: readonly BaggageEntry[]): number {
  let bytes = 0;
  let members = 0;
  for (const entry of entries) {
    const member = formatBaggageMember(entry);
    if (member === null) continue;
    bytes += (members === 0 ? 0 : 1) + member.length;
    members++;
  }
  return bytes;
}

/**
 * W3C Baggage §4 (mutating baggage): configured entries first, then existing members whose key is
 * not configured. On a key clash the configured value wins; existing order is preserved.
 */
export function mergeBaggage(
  configured: readonly BaggageEntry[],
  existing: readonly BaggageEntry[],
): BaggageEntry[] {
  if (existing.length === 0) return [...configured];
  const keys = new Set<string>();
  for (const entry of configured) keys.add(entry.key);
  const merged = [...configured];
  for (const entry of existing) {
    if (!keys.has(entry.key)) merged.push(entry);
  }
  return merged;
}

/**
 * W3C Baggage §4, for the `keep` policy: the page's own header exactly as it was sent, with each
 * configured member whose key the page did not use appended, whole, while the result stays within
 * 64 members and 8192 bytes (§3.3). Returns null when nothing is appended, so the caller leaves
 * the page's header alone. The page's members are never re-encoded, reordered or dropped.
 */
export function appendBaggage(
  existing: string,
  configured: readonly BaggageEntry[],
): string | null {
  const own = parseBaggage(existing);
  const keys = new Set(own.map((entry) => entry.key));
  let out = existing.trim();
  // Count what a reader would: the page's members, valid or not.
  let members = out === '' ? 0 : out.split(',').filter((m) => m.trim() !== '').length;
  let appended = false;
  for (const entry of configured) {
    if (keys.has(entry.key) || members >= BAGGAGE_MAX_MEMBERS) continue;
    const member = formatBaggageMember(entry);
    if (member === null) continue;
    const next = out === '' ? member : `${out},${member}`;
    if (next.length > BAGGAGE_MAX_BYTES) continue;
    out = next;
    members++;
    appended = true;
  }
  return appended ? out : null;
}
