import { keepTable, percentDecodeUtf8 } from './percent';
import { isToken, trimOws } from './text';

/** One W3C Baggage list-member: value decoded, metadata the raw property list (`p1;p2=v`). */
export interface BaggageEntry {
  readonly key: string;
  readonly value: string;
  /**
   * The member's properties as they go on the wire after the value's ";", normalised (OWS trimmed,
   * properties joined by ";"). Opaque, as in OpenTelemetry's baggageEntryMetadataFromString.
   */
  readonly metadata?: string;
}

/** W3C Baggage §3.3 (limits): a platform must propagate at least 64 list-members... */
export const BAGGAGE_MAX_MEMBERS = 64;
/** ...and a baggage-string of at least 8192 bytes. We propagate exactly these minimums. */
export const BAGGAGE_MAX_BYTES = 8192;

/** W3C Baggage §3.2.1: baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
export const BAGGAGE_OCTETS = keepTable([
  [0x21, 0x21],
  [0x23, 0x2b],
  [0x2d, 0x3a],
  [0x3c, 0x5b],
  [0x5d, 0x7e],
]);

/** True when `s` is *baggage-octet (the empty string included). */
export function isBaggageOctets(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || BAGGAGE_OCTETS[c] !== 1) return false;
  }
  return true;
}

/**
 * W3C Baggage §3.2.1.4: `property = key OWS "=" OWS value / key OWS`, several joined by ";".
 * Returns the list normalised (OWS dropped, empty properties skipped) or null if one is invalid.
 */
export function normalizeBaggageProperties(properties: string): string | null {
  let out = '';
  for (const part of properties.split(';')) {
    const property = trimOws(part);
    if (property === '') continue;
    const eq = property.indexOf('=');
    let normalized: string;
    if (eq < 0) {
      if (!isToken(property)) return null;
      normalized = property;
    } else {
      const key = trimOws(property.slice(0, eq));
      const value = trimOws(property.slice(eq + 1));
      if (!isToken(key) || !isBaggageOctets(value)) return null;
      normalized = key + '=' + value;
    }
    out += (out === '' ? '' : ';') + normalized;
  }
  return out;
}

/** One list-member with OWS already trimmed around it, or null when it breaks the grammar. */
function parseMember(member: string): BaggageEntry | null {
  const semicolon = member.indexOf(';');
  const pair = semicolon < 0 ? member : member.slice(0, semicolon);
  const eq = pair.indexOf('=');
  if (eq < 0) return null;
  const key = trimOws(pair.slice(0, eq));
  const rawValue = trimOws(pair.slice(eq + 1));
  if (!isToken(key) || !isBaggageOctets(rawValue)) return null;
  const value = percentDecodeUtf8(rawValue);
  if (semicolon < 0) return { key, value };
  const metadata = normalizeBaggageProperties(member.slice(semicolon + 1));
  if (metadata === null) return null;
  return metadata === '' ? { key, value } : { key, value, metadata };
}

/**
 * W3C Baggage §3.2: parses one or several baggage header lines (combined in order). Lenient like
 * OpenTelemetry: a member that breaks the grammar is skipped, the rest is kept. Values are
 * percent-decoded as UTF-8 with U+FFFD for invalid sequences (§3.2.1.3); keys are not decoded.
 */
export function parseBaggage(value: string | readonly string[]): BaggageEntry[] {
  const combined = typeof value === 'string' ? value : value.join(',');
  const entries: BaggageEntry[] = [];
  for (const part of combined.split(',')) {
    const member = trimOws(part);
    if (member === '') continue;
    const entry = parseMember(member);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}
