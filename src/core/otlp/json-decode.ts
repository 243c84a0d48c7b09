/**
 * Importing an OTLP/JSON file: an ExportTraceServiceRequest or TracesData (`{ resourceSpans }`),
 * an array of them, or JSON Lines of them (what the OpenTelemetry Collector's file exporter
 * writes). Lenient but validating: every problem is reported with the path of what is wrong and
 * the rest is imported. Never throws (invariant 6).
 */
import { spanContextInfo } from '../span/har-to-span';
import type { ExportState, RecordedSpan, SpanContextInfo } from '../span/model';
import { decodeOtlpSpan, type DecodeIssue, type SpanDecodeContext } from './json-decode-span';

export type { DecodeIssue } from './json-decode-span';

/** Spans imported from one file: the store's default retention (recording.maxSpans). */
export const MAX_IMPORTED_SPANS = 100_000;
/** Characters of text read: 100,000 spans of OTLP/JSON take well under this. */
export const MAX_OTLP_TEXT_LENGTH = 256 * 1024 * 1024;
/** Issues listed one by one; beyond that they are only counted. */
export const MAX_LISTED_ISSUES = 200;

export interface OtlpImportContext {
  /** The tab and page view imported spans are filed under (a span's browser.page_view.id wins). */
  readonly tabId: number;
  readonly pageViewId: string;
  /** Raw; redacted here like a recorded page URL. */
  readonly pageUrl: string;
  readonly sensitiveParams: readonly string[];
  /** 1 keeps imported spans from being exported again; 0 queues them for the exporter. */
  readonly exported: ExportState;
}

export type OtlpDecodeResult =
  | {
      readonly ok: true;
      readonly spans: RecordedSpan[];
      readonly issues: DecodeIssue[];
      /** Issues beyond MAX_LISTED_ISSUES, counted only. */
      readonly moreIssues: number;
    }
  | { readonly ok: false; readonly error: string };

type Json = Readonly<Record<string, unknown>>;

function own(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Json)[key]
    : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

/** The file's documents with the path prefix of each: one JSON value, or one per line. */
function documents(text: string): { docs: [string, unknown][] } | { error: string } {
  try {
    return { docs: [['', JSON.parse(text) as unknown]] };
  } catch (whole) {
    const lines: [number, string][] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() !== '') lines.push([i + 1, line]);
    });
    if (lines.length === 0) return { error: 'the file is empty' };
    if (lines.length === 1) return { error: `not JSON: ${errorMessage(whole)}` };
    const docs: [string, unknown][] = [];
    for (const [number, line] of lines) {
      try {
        docs.push([`line ${number}: `, JSON.parse(line) as unknown]);
      } catch (error) {
        return { error: `not JSON or JSON Lines: line ${number}: ${errorMessage(error)}` };
      }
    }
    return { docs };
  }
}

/** Each `{ resourceSpans }` request in a document: the document itself, or the items of an array. */
function requests(prefix: string, doc: unknown): [string, unknown][] | string {
  if (Array.isArray(doc))
    return doc.map((item, i): [string, unknown] => [`${prefix}[${i}].`, item]);
  if (own(doc, 'resourceSpans') !== undefined) return [[prefix, doc]];
  if (Array.isArray(own(doc, 'data'))) {
    return 'this looks like Jaeger JSON (data[]); only OTLP JSON (resourceSpans[]) is read here';
  }
  return 'not OTLP JSON: no resourceSpans';
}

export function decodeOtlpJson(text: string, ctx: OtlpImportContext): OtlpDecodeResult {
  try {
    if (typeof text !== 'string') return { ok: false, error: 'the file is not text' };
    if (text.length > MAX_OTLP_TEXT_LENGTH) {
      return {
        ok: false,
        error: `the file is larger than ${MAX_OTLP_TEXT_LENGTH / 1024 / 1024} MiB`,
      };
    }
    const parsed = documents(text);
    if ('error' in parsed) return { ok: false, error: parsed.error };
    const all: [string, unknown][] = [];
    for (const [prefix, doc] of parsed.docs) {
      const found = requests(prefix, doc);
      if (typeof found === 'string') return { ok: false, error: `${prefix}${found}` };
      all.push(...found);
    }
    return decodeRequests(all, ctx);
  } catch (error) {
    return { ok: false, error: `could not read the file: ${errorMessage(error)}` };
  }
}

function decodeRequests(all: readonly [string, unknown][], ctx: OtlpImportContext) {
  const spans: RecordedSpan[] = [];
  const issues: DecodeIssue[] = [];
  let moreIssues = 0;
  const contexts = new Map<string, SpanContextInfo>();
  const spanCtx: SpanDecodeContext = {
    sensitiveParams: ctx.sensitiveParams,
    exported: ctx.exported,
    contextFor: (pageViewId = ctx.pageViewId) => {
      let info = contexts.get(pageViewId);
      if (info === undefined) {
        info = spanContextInfo({ ...ctx, pageViewId });
        contexts.set(pageViewId, info);
      }
      return info;
    },
    report: (path, message) => {
      if (issues.length < MAX_LISTED_ISSUES) issues.push({ path, message });
      else moreIssues++;
    },
  };
  let truncated = false;
  for (const [prefix, request] of all) {
    const resourceSpans = own(request, 'resourceSpans');
    if (!Array.isArray(resourceSpans)) {
      spanCtx.report(`${prefix}resourceSpans`, 'is not an array');
      continue;
    }
    for (let r = 0; r < resourceSpans.length && !truncated; r++) {
      const resource: unknown = resourceSpans[r];
      const base = `${prefix}resourceSpans[${r}]`;
      // instrumentationLibrarySpans: the name before OTLP 0.15, still written by old exporters.
      const key =
        own(resource, 'scopeSpans') !== undefined ? 'scopeSpans' : 'instrumentationLibrarySpans';
      const scopes = own(resource, key);
      if (scopes === undefined) continue;
      if (!Array.isArray(scopes)) {
        spanCtx.report(`${base}.${key}`, 'is not an array');
        continue;
      }
      for (let s = 0; s < scopes.length && !truncated; s++) {
        const at = `${base}.${key}[${s}].spans`;
        const list = own(scopes[s], 'spans');
        if (list === undefined) continue;
        if (!Array.isArray(list)) {
          spanCtx.report(at, 'is not an array');
          continue;
        }
        for (let i = 0; i < list.length; i++) {
          if (spans.length >= MAX_IMPORTED_SPANS) {
            truncated = true;
            break;
          }
          const span = decodeOtlpSpan(list[i], `${at}[${i}]`, spanCtx);
          if (span !== null) spans.push(span);
        }
      }
    }
  }
  if (truncated) spanCtx.report('', `only the first ${MAX_IMPORTED_SPANS} spans are imported`);
  return { ok: true as const, spans, issues, moreIssues };
}
