/**
 * The export headers as the popup edits them: one `Name: value` per line, as in an HTTP message
 * (RFC 9110 §5). Names and values are checked by the config parser's own rules.
 */
import {
  EXPORT_HEADER_VALUE_RULE,
  MAX_EXPORT_HEADERS,
  exportHeaderNameProblem,
  isExportHeaderValue,
} from '../../core/config/parse-export';

export interface HeaderLines {
  /** The headers of the lines that can be sent, in order. */
  readonly headers: Readonly<Record<string, string>>;
  /** One message per line that cannot be sent, e.g. `line 2: expected Name: value`. */
  readonly errors: readonly string[];
}

export const EXPECTED_LINE = 'expected Name: value';

/** The text of `headers`, one `Name: value` per line. */
export function formatHeaderLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * Reads `Name: value` lines. Blank lines are skipped; whitespace around the name and the value
 * is dropped, as fetch drops it from header values. Names are compared case-insensitively
 * (RFC 9110 §5.1): fetch would merge two lines with the same name into one header.
 */
export function parseHeaderLines(text: string): HeaderLines {
  const entries: [string, string][] = [];
  const errors: string[] = [];
  const firstLine = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const number = index + 1;
    const at = `line ${String(number)}`;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (name === '') {
      errors.push(`${at}: ${EXPECTED_LINE}`);
      return;
    }
    const value = line.slice(colon + 1).trim();
    const nameProblem = exportHeaderNameProblem(name);
    const seen = firstLine.get(name.toLowerCase());
    if (nameProblem !== null) errors.push(`${at}: ${JSON.stringify(name)} ${nameProblem}`);
    else if (seen !== undefined)
      errors.push(`${at}: ${name} is already set on line ${String(seen)}`);
    else if (!isExportHeaderValue(value))
      errors.push(`${at}: the value ${EXPORT_HEADER_VALUE_RULE}`);
    else {
      firstLine.set(name.toLowerCase(), number);
      entries.push([name, value]);
    }
  });
  if (entries.length > MAX_EXPORT_HEADERS) {
    errors.push(`${String(entries.length)} headers; at most ${String(MAX_EXPORT_HEADERS)}`);
  }
  // fromEntries defines own properties, so a name such as `__proto__` stays a plain key.
  return { headers: Object.fromEntries(entries), errors };
}

/**
 * The headers `text` stands for on top of the saved ones. Text left as the saved headers format
 * keeps them exactly as stored (a value's surrounding spaces, which a line cannot show, survive),
 * and raises nothing: the background accepted them already.
 */
export function readHeaderText(text: string, saved: Readonly<Record<string, string>>): HeaderLines {
  return text === formatHeaderLines(saved)
    ? { headers: saved, errors: [] }
    : parseHeaderLines(text);
}

export function sameHeaders(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => Object.hasOwn(b, name) && a[name] === b[name])
  );
}
