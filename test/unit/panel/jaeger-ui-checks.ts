/**
 * What Jaeger UI does with an uploaded JSON file, ported from jaegertracing/jaeger-ui (Apache-2.0,
 * commit c321fb32bbca0bdce9e8c2d40afb35abbf54c12b):
 *
 * - `components/SearchTracePage/FileLoader.tsx` loadTracesFromFile: `{ data: [...] }`, `{ data: {} }`,
 *   `[...]` or one object; each trace is transformed, and one that fails counts as an error;
 * - `model/transform-trace-data.ts`: a trace needs a traceID (else it is dropped); spans are keyed
 *   by spanID (a repeat is renamed and warned about); each span's process is looked up by
 *   processID (a missing one becomes "unknown-service"); duplicate tags are warned about; the
 *   parent is the first CHILD_OF or FOLLOWS_FROM reference found among the spans (a reference to
 *   a span not in the file makes an orphan); spans are laid out depth first from the roots, so a
 *   span on a reference cycle is never shown; a startTime that is missing, NaN or ≤ 0 is replaced
 *   by the parent's;
 * - `model/OtelSpanFacade.ts`: the kind is the `span.kind` tag upper-cased (INTERNAL otherwise), the
 *   status ERROR when an `error` tag is truthy.
 *
 * Beyond Jaeger UI, `problems` lists what it would silently repair, so a test can demand none.
 */

type Json = Record<string, unknown>;

export interface LoadedSpan {
  readonly spanID: string;
  readonly kind: string;
  readonly error: boolean;
  readonly depth: number;
  readonly serviceName: string;
}

export interface LoadedTrace {
  readonly traceID: string;
  readonly spans: readonly LoadedSpan[];
  readonly rootSpanIDs: readonly string[];
  readonly orphanSpanCount: number;
  readonly warnings: readonly string[];
  /** What Jaeger UI would repair or hide: unknown process, bad times, unreachable spans, tag types. */
  readonly problems: readonly string[];
  readonly startTime: number;
  readonly duration: number;
}

export interface UploadResult {
  readonly traces: readonly LoadedTrace[];
  readonly errorCount: number;
}

const SPAN_KINDS = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const TAG_TYPES: Record<string, string> = {
  string: 'string',
  bool: 'boolean',
  int64: 'number',
  float64: 'number',
  binary: 'string',
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function tagProblems(tags: Json[], where: string): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const expected = TAG_TYPES[String(tag['type'])];
    if (
      typeof tag['key'] !== 'string' ||
      expected === undefined ||
      typeof tag['value'] !== expected
    ) {
      out.push(`${where}: tag ${JSON.stringify(tag)} is not { key, type, value } of a Jaeger type`);
    }
  }
  return out;
}

function transform(data: Json): LoadedTrace | null {
  const traceID = data['traceID'];
  if (typeof traceID !== 'string' || traceID === '') return null;
  const rawSpans = data['spans'];
  if (!Array.isArray(rawSpans)) throw new TypeError('data.spans is not an array');
  const processes = isObject(data['processes']) ? data['processes'] : {};
  const warnings: string[] = [];
  const problems: string[] = [];
  const spanMap = new Map<string, Json>();
  const counts = new Map<string, number>();
  for (const raw of rawSpans as Json[]) {
    let spanID = String(raw['spanID']);
    const count = counts.get(spanID);
    if (count !== undefined) {
      warnings.push(`Dupe spanID, ${count + 1} x ${spanID}`);
      counts.set(spanID, count + 1);
      spanID = `${spanID}_${count}`;
    } else counts.set(spanID, 1);
    const process = processes[String(raw['processID'])];
    if (!isObject(process))
      problems.push(`${spanID}: processID ${String(raw['processID'])} is not in processes`);
    const tags = list(raw['tags']);
    const seen = new Set<string>();
    for (const tag of tags) {
      const id = `${String(tag['key'])}:${String(tag['value'])}`;
      if (seen.has(id)) warnings.push(`Duplicate tag "${id}"`);
      seen.add(id);
    }
    problems.push(...tagProblems(tags, spanID));
    for (const log of list(raw['logs'])) {
      if (typeof log['timestamp'] !== 'number') problems.push(`${spanID}: a log has no timestamp`);
      problems.push(...tagProblems(list(log['fields']), `${spanID} log`));
    }
    if (typeof raw['startTime'] !== 'number' || !(raw['startTime'] > 0)) {
      problems.push(`${spanID}: startTime ${String(raw['startTime'])} is repaired`);
    }
    if (!Number.isInteger(raw['duration']) || (raw['duration'] as number) < 0) {
      problems.push(`${spanID}: duration ${String(raw['duration'])} is not whole microseconds`);
    }
    spanMap.set(spanID, {
      ...raw,
      spanID,
      serviceName: isObject(process) ? process['serviceName'] : 'unknown-service',
    });
  }

  const children = new Map<string, Json[]>();
  const roots: Json[] = [];
  let orphanSpanCount = 0;
  for (const span of spanMap.values()) {
    const refs = list(span['references']);
    let parent: Json | undefined;
    for (const ref of refs) {
      if (ref['refType'] === 'CHILD_OF' || ref['refType'] === 'FOLLOWS_FROM') {
        parent = spanMap.get(String(ref['spanID']));
        if (parent !== undefined) break;
      }
    }
    if (refs.length > 0 && parent === undefined) orphanSpanCount++;
    if (parent === undefined) roots.push(span);
    else {
      const key = String(parent['spanID']);
      children.set(key, [...(children.get(key) ?? []), span]);
    }
  }

  const spans: LoadedSpan[] = [];
  let start = Number.MAX_SAFE_INTEGER;
  let end = 0;
  const visit = (span: Json, depth: number) => {
    const startTime = span['startTime'] as number;
    start = Math.min(start, startTime);
    end = Math.max(end, startTime + (span['duration'] as number));
    const tags = list(span['tags']);
    const kindTag = tags.find((t) => t['key'] === 'span.kind');
    const kindValue = kindTag?.['value'];
    const kind = typeof kindValue === 'string' ? kindValue.toUpperCase() : '';
    spans.push({
      spanID: String(span['spanID']),
      kind: SPAN_KINDS.includes(kind) ? kind : 'INTERNAL',
      error: Boolean(tags.find((t) => t['key'] === 'error')?.['value']),
      depth,
      serviceName: String(span['serviceName']),
    });
    const kids = (children.get(String(span['spanID'])) ?? []).sort(
      (a, b) => (a['startTime'] as number) - (b['startTime'] as number),
    );
    for (const child of kids) visit(child, depth + 1);
  };
  roots.sort((a, b) => (a['startTime'] as number) - (b['startTime'] as number));
  for (const root of roots) visit(root, 0);
  if (spans.length !== spanMap.size) {
    problems.push(`${spanMap.size - spans.length} spans are on a reference cycle and never shown`);
  }
  return {
    traceID,
    spans,
    rootSpanIDs: roots.map((r) => String(r['spanID'])),
    orphanSpanCount,
    warnings,
    problems,
    startTime: spans.length === 0 ? 0 : start,
    duration: spans.length === 0 ? 0 : end - start,
  };
}

/** What Jaeger UI's upload makes of a parsed file. */
export function jaegerUiUpload(parsed: unknown): UploadResult {
  let traces: unknown[];
  if (Array.isArray(parsed)) traces = parsed;
  else if (isObject(parsed) && Array.isArray(parsed['data'])) traces = parsed['data'] as unknown[];
  else if (isObject(parsed) && parsed['data'] != null) traces = [parsed['data']];
  else traces = [parsed];
  const loaded: LoadedTrace[] = [];
  let errorCount = 0;
  for (const raw of traces) {
    try {
      const trace = isObject(raw) ? transform(structuredClone(raw)) : null;
      if (trace === null) errorCount++;
      else loaded.push(trace);
    } catch {
      errorCount++;
    }
  }
  return { traces: loaded, errorCount };
}
