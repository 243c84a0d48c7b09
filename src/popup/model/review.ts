/**
 * Live validation of a draft: per-field messages for inline display, the byte budget of the
 * baggage header, the CORS warning per target, and whether (and why not) Save is possible.
 */
import { formatOriginPattern, parseConfig, parseOriginPattern } from '../../core/config';
import type { Config } from '../../core/config/schema';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  baggageByteLength,
  validateBaggageEntry,
  validateTracestateEntry,
  type BaggageEntry,
} from '../../core/propagation';
import { addedHeaderNames, needsCorsWarning } from './cors';
import { draftToConfig, isDirty, parseRatio, type BaggageRow, type Draft } from './draft';
import { reviewExport, type ExportReview } from './draft-export';

export interface RowReview {
  readonly id: number;
  /** Why the row cannot be saved, or null. */
  readonly error: string | null;
}

export interface TargetReview extends RowReview {
  /** Page mode towards a cross-origin target: show the preflight warning. */
  readonly corsWarning: boolean;
}

export interface BaggageReview {
  readonly rows: readonly RowReview[];
  /** Bytes of the header all encodable entries make, before the limit drops anything. */
  readonly bytes: number;
  readonly maxBytes: number;
  /** "123 / 8192 bytes" */
  readonly bytesText: string;
  /** Over the byte or member limit: entries beyond it would be dropped. */
  readonly overLimit: boolean;
  /** Why the list as a whole cannot be saved (limits), or null. */
  readonly error: string | null;
}

export type SaveState =
  | { readonly enabled: true; readonly config: Config }
  | { readonly enabled: false; readonly reason: string };

export interface DraftReview {
  readonly tracestate: string | null;
  readonly ratio: string | null;
  readonly baggage: BaggageReview;
  readonly targets: readonly TargetReview[];
  readonly export: ExportReview;
  /** Headers a server must allow in Access-Control-Allow-Headers for page-mode cross-origin targets. */
  readonly corsHeaders: readonly string[];
  /** Every problem that blocks saving, each prefixed with the field it belongs to. */
  readonly issues: readonly string[];
  readonly dirty: boolean;
  readonly save: SaveState;
}

const BLANK_BAGGAGE = 'enter a key and a value, or remove this entry';
const BLANK_TARGET = 'enter an origin such as https://api.example.com, or remove this target';

function reviewBaggageRows(rows: readonly BaggageRow[]): RowReview[] {
  const firstIndex = new Map<string, number>();
  return rows.map((row, index) => {
    const seen = firstIndex.get(row.key);
    if (seen === undefined) firstIndex.set(row.key, index);
    let error: string | null;
    if (row.key === '' && row.value === '') error = BLANK_BAGGAGE;
    else if (seen !== undefined && row.key !== '')
      error = `key "${row.key}" is already set in entry ${String(seen + 1)}`;
    else error = validateBaggageEntry(row.key, row.value);
    return { id: row.id, error };
  });
}

function reviewBaggage(draft: Draft): { review: BaggageReview; sent: BaggageEntry[] } {
  const rows = reviewBaggageRows(draft.baggage);
  const sent = draft.baggage
    .filter((_, i) => rows[i]?.error === null)
    .map(({ key, value }) => ({ key, value }));
  // The total counts everything typed that can be encoded, so one oversized entry shows in it
  // too; the list-level error only covers valid entries, whose own errors would not explain it.
  const bytes = baggageByteLength(draft.baggage.map(({ key, value }) => ({ key, value })));
  const sentBytes = baggageByteLength(sent);
  let error: string | null = null;
  if (sentBytes > BAGGAGE_MAX_BYTES) {
    error = `the header would be ${String(sentBytes)} bytes; at most ${String(BAGGAGE_MAX_BYTES)} are sent, so remove or shorten entries`;
  } else if (sent.length > BAGGAGE_MAX_MEMBERS) {
    error = `${String(sent.length)} entries; at most ${String(BAGGAGE_MAX_MEMBERS)} are sent`;
  }
  const review: BaggageReview = {
    rows,
    bytes,
    maxBytes: BAGGAGE_MAX_BYTES,
    bytesText: `${String(bytes)} / ${String(BAGGAGE_MAX_BYTES)} bytes`,
    overLimit: bytes > BAGGAGE_MAX_BYTES || error !== null,
    error,
  };
  return { review, sent };
}

function reviewTargets(draft: Draft, pageOrigin: string | null): TargetReview[] {
  const firstIndex = new Map<string, number>();
  return draft.targets.map((row, index) => {
    let error: string | null = null;
    const parsed = parseOriginPattern(row.match);
    if (row.match.trim() === '') error = BLANK_TARGET;
    else if (typeof parsed === 'string') error = parsed;
    else {
      // Compared in canonical form, as the parser does: HTTPS://A.example:443 is https://a.example.
      const canonical = formatOriginPattern(parsed);
      const seen = firstIndex.get(canonical);
      if (seen === undefined) firstIndex.set(canonical, index);
      else error = `${canonical} is already target ${String(seen + 1)}`;
    }
    const corsWarning = error === null && needsCorsWarning(row, pageOrigin);
    return { id: row.id, error, corsWarning };
  });
}

/**
 * Reviews `draft` as it would be saved on top of `saved`, for the page at `pageOrigin` (null when
 * the tab is not an http(s) page). Field checks come from the core validators; when they all
 * pass, the config parser has the last word, so Save is never enabled for a config it refuses.
 */
export function reviewDraft(draft: Draft, saved: Config, pageOrigin: string | null): DraftReview {
  const tracestate = validateTracestateEntry(draft.propagators.tracestate);
  const ratio =
    draft.sampling.mode === 'ratio' && parseRatio(draft.sampling.ratio) === null
      ? 'enter a number from 0 to 1, e.g. 0.25'
      : null;
  const { review: baggage, sent } = reviewBaggage(draft);
  const targets = reviewTargets(draft, pageOrigin);
  const exported = reviewExport(draft.export, saved.export);

  const issues: string[] = [];
  if (tracestate !== null) issues.push(`tracestate entry: ${tracestate}`);
  baggage.rows.forEach((row, i) => {
    if (row.error !== null) issues.push(`Baggage entry ${String(i + 1)}: ${row.error}`);
  });
  if (baggage.error !== null) issues.push(`Baggage: ${baggage.error}`);
  if (ratio !== null) issues.push(`Sampling ratio: ${ratio}`);
  targets.forEach((row, i) => {
    if (row.error !== null) issues.push(`Target ${String(i + 1)}: ${row.error}`);
  });
  issues.push(...exported.issues);

  const candidate = draftToConfig(draft, saved);
  const parsed = parseConfig(candidate);
  if (issues.length === 0 && !parsed.ok) issues.push(...parsed.errors);

  const dirty = isDirty(draft, saved);
  const corsHeaders = addedHeaderNames(
    tracestate === null ? draft.propagators : { ...draft.propagators, tracestate: '' },
    sent,
  );
  return {
    tracestate,
    ratio,
    baggage,
    targets,
    export: exported.review,
    corsHeaders,
    issues,
    dirty,
    save: saveState(issues, dirty, parsed),
  };
}

function saveState(
  issues: readonly string[],
  dirty: boolean,
  parsed: ReturnType<typeof parseConfig>,
): SaveState {
  if (issues.length > 0) {
    const count = issues.length === 1 ? 'this problem' : `these ${String(issues.length)} problems`;
    return { enabled: false, reason: `Fix ${count} to save:` };
  }
  if (!dirty) return { enabled: false, reason: 'No unsaved changes.' };
  // Unreachable while the parser's refusal is in `issues`; it narrows `parsed` for the compiler.
  if (!parsed.ok) return { enabled: false, reason: parsed.errors.join('; ') };
  return { enabled: true, config: parsed.config };
}
