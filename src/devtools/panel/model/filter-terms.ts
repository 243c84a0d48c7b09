/**
 * The parsed filter: one term per whitespace-separated word of the filter box (Chrome DevTools'
 * Network panel FilterParser grammar, DESIGN §8), with where it sits in the text so the box can
 * mark an invalid term and say why.
 */

export type FlagName = 'error' | 'exported' | 'unexported';
export type Comparison = '>' | '<' | '>=' | '<=';

/** What a valid term tests; `needle`s are lowercase (matching is case-insensitive). */
export type TermTest =
  /** Substring of the name or the URL. */
  | { readonly field: 'text'; readonly needle: string }
  /** `/re/`: case-insensitive, against the name and the URL. */
  | { readonly field: 'regex'; readonly regex: RegExp }
  | { readonly field: 'name'; readonly needle: string }
  | { readonly field: 'url'; readonly needle: string }
  /** `method:`, uppercase; stored methods are uppercase or `_OTHER`. */
  | { readonly field: 'method'; readonly method: string }
  /** `status:404` (min = max) or `status:4xx` (400–499). 0 is "no response". */
  | { readonly field: 'status'; readonly min: number; readonly max: number }
  /** `domain:`, a `*` glob on the host, anchored and case-insensitive. */
  | { readonly field: 'domain'; readonly pattern: RegExp }
  /** `trace:`, a prefix of the trace id, lowercase hex. */
  | { readonly field: 'trace'; readonly prefix: string }
  /**
   * `attr.<key>:<value>`: a string attribute (or an element of a string array) containing the
   * needle, a number or boolean equal to it; needle null for `attr.<key>:*` (present at all).
   */
  | { readonly field: 'attr'; readonly key: string; readonly needle: string | null }
  | { readonly field: 'is'; readonly flag: FlagName }
  /** `duration>N`, milliseconds. */
  | { readonly field: 'duration'; readonly op: Comparison; readonly ms: number };

interface TermPlace {
  /** The term as typed, with its `-`. */
  readonly text: string;
  /** UTF-16 offsets into the filter text: `text === filter.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  readonly negated: boolean;
}

export type FilterTerm =
  | (TermPlace & { readonly valid: true; readonly test: TermTest })
  /** An invalid term matches nothing, negated or not, so a typo never shows everything. */
  | (TermPlace & { readonly valid: false; readonly reason: string });

export interface ParsedFilter {
  readonly terms: readonly FilterTerm[];
  /** True when every term is valid (an empty filter is valid and matches every row). */
  readonly valid: boolean;
}
