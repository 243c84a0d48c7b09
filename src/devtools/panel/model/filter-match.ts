/**
 * The filter compiled into one predicate, once per keystroke: every row test is a closure over
 * values prepared here (lowercase needles, regular expressions), so matching 100,000 rows is a
 * linear pass that allocates nothing per row beyond the first pass's lowercase cache (haystack.ts).
 *
 * `attr.<key>:` terms need the span's attributes, which the compact rows the store projects do
 * not carry. They are read from `options.attributes(row)` when given (the data layer's lookup
 * into full spans), else from `row.attributes` (set by toPanelRow); a row with neither has no
 * attributes, so an `attr.` term does not match it. `needsAttributes` tells the data layer when
 * to provide them.
 */
import type { AttributeValue } from '../../../core/span/model';
import { STATUS_ERROR } from '../../../core/span/model';
import type { FilterTerm, ParsedFilter, TermTest } from './filter-terms';
import { escapeRegExp } from './filter-values';
import { haystackOf } from './haystack';
import { parseFilter } from './filter-parse';
import type { PanelRow } from './panel-row';

export type AttributeLookup = (
  row: PanelRow,
) => Readonly<Record<string, AttributeValue>> | undefined;

export interface FilterOptions {
  /** The "errors only" toggle: only rows whose status is ERROR, on top of the text. */
  readonly errorsOnly?: boolean;
  readonly attributes?: AttributeLookup;
}

export interface CompiledFilter extends ParsedFilter {
  readonly matches: (row: PanelRow) => boolean;
  /** True when some valid term is `attr.`: rows need their attributes to be tested. */
  readonly needsAttributes: boolean;
}

type RowTest = (row: PanelRow) => boolean;

function hostOf(row: PanelRow): string {
  if (row.serverAddress !== '') return row.serverAddress;
  // A row without server.address: the host of its origin (scheme://host[:port]).
  const origin = row.origin;
  const from = origin.indexOf('://');
  if (from < 0) return '';
  const host = origin.slice(from + 3);
  const bracket = host.startsWith('[') ? host.indexOf(']') : -1;
  if (bracket > 0) return host.slice(1, bracket);
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function attributeTest(key: string, needle: string | null, lookup: AttributeLookup): RowTest {
  const contains = needle === null ? null : new RegExp(escapeRegExp(needle), 'i');
  const matchesValue = (value: AttributeValue): boolean => {
    if (contains === null) return true;
    if (typeof value === 'string') return contains.test(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value) === needle;
    return value.some((item) => contains.test(item));
  };
  return (row) => {
    const attributes = lookup(row);
    if (attributes === undefined || !Object.hasOwn(attributes, key)) return false;
    const value = attributes[key];
    return value !== undefined && matchesValue(value);
  };
}

function durationTest(op: string, ms: number): RowTest {
  switch (op) {
    case '>':
      return (row) => row.duration > ms;
    case '>=':
      return (row) => row.duration >= ms;
    case '<':
      return (row) => row.duration < ms;
    default:
      return (row) => row.duration <= ms;
  }
}

function rowTest(test: TermTest, lookup: AttributeLookup): RowTest {
  switch (test.field) {
    case 'text': {
      const needle = test.needle;
      return (row) => {
        const hay = haystackOf(row);
        return hay.name.includes(needle) || hay.url.includes(needle);
      };
    }
    case 'regex': {
      const regex = test.regex;
      return (row) => regex.test(row.name) || regex.test(row.url);
    }
    case 'name': {
      const needle = test.needle;
      return (row) => haystackOf(row).name.includes(needle);
    }
    case 'url': {
      const needle = test.needle;
      return (row) => haystackOf(row).url.includes(needle);
    }
    case 'method': {
      const method = test.method;
      return (row) => row.method === method;
    }
    case 'status': {
      const { min, max } = test;
      return (row) => row.statusCode >= min && row.statusCode <= max;
    }
    case 'domain': {
      const pattern = test.pattern;
      return (row) => pattern.test(hostOf(row));
    }
    case 'trace': {
      const prefix = test.prefix;
      return (row) => row.traceId.startsWith(prefix);
    }
    case 'attr':
      return attributeTest(test.key, test.needle, lookup);
    case 'is':
      if (test.flag === 'error') return (row) => row.status === STATUS_ERROR;
      if (test.flag === 'exported') return (row) => row.exported === 1;
      return (row) => row.exported === 0;
    case 'duration':
      return durationTest(test.op, test.ms);
  }
}

const NOTHING: RowTest = () => false;

function compileTerms(terms: readonly FilterTerm[], options: FilterOptions): RowTest {
  if (terms.some((t) => !t.valid)) return NOTHING;
  const custom = options.attributes;
  const lookup: AttributeLookup =
    custom === undefined ? (row) => row.attributes : (row) => custom(row) ?? row.attributes;
  const tests: RowTest[] = [];
  const negated: boolean[] = [];
  if (options.errorsOnly === true) {
    tests.push((row) => row.status === STATUS_ERROR);
    negated.push(false);
  }
  for (const t of terms) {
    if (!t.valid) continue;
    tests.push(rowTest(t.test, lookup));
    negated.push(t.negated);
  }
  const count = tests.length;
  if (count === 0) return () => true;
  return (row) => {
    for (let i = 0; i < count; i++) {
      if ((tests[i] as RowTest)(row) === negated[i]) return false;
    }
    return true;
  };
}

export function compileFilter(text: string, options: FilterOptions = {}): CompiledFilter {
  const parsed = parseFilter(text);
  return {
    ...parsed,
    matches: compileTerms(parsed.terms, options),
    needsAttributes: parsed.terms.some((t) => t.valid && t.test.field === 'attr'),
  };
}

/** The rows the filter keeps, in their order. */
export function filterRows<R extends PanelRow>(rows: readonly R[], filter: CompiledFilter): R[] {
  const out: R[] = [];
  const matches = filter.matches;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as R;
    if (matches(row)) out.push(row);
  }
  return out;
}
