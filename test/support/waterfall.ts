import type { ReceivedSpan } from './otlp-backend';

const BAR_WIDTH = 40;

/**
 * Renders spans of one trace as a text waterfall: indentation shows parent and child,
 * the bar shows when each span ran relative to the trace's start.
 */
export function textWaterfall(spans: readonly ReceivedSpan[]): string {
  if (spans.length === 0) return '(no spans)';
  const start = spans.reduce(
    (min, s) => (BigInt(s.startTimeUnixNano) < min ? BigInt(s.startTimeUnixNano) : min),
    BigInt(spans[0]?.startTimeUnixNano ?? 0),
  );
  const end = spans.reduce(
    (max, s) => (BigInt(s.endTimeUnixNano) > max ? BigInt(s.endTimeUnixNano) : max),
    start + 1n,
  );
  const total = Number(end - start);
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, ReceivedSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : '';
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const lines: string[] = [];
  const visit = (parent: string, depth: number): void => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) =>
      Number(BigInt(a.startTimeUnixNano) - BigInt(b.startTimeUnixNano)),
    );
    for (const span of list) {
      const from = Number(BigInt(span.startTimeUnixNano) - start);
      const to = Number(BigInt(span.endTimeUnixNano) - start);
      const a = Math.floor((from / total) * BAR_WIDTH);
      const b = Math.max(a + 1, Math.ceil((to / total) * BAR_WIDTH));
      const bar = ' '.repeat(a) + '█'.repeat(b - a) + ' '.repeat(Math.max(0, BAR_WIDTH - b));
      const ms = ((to - from) / 1e6).toFixed(1).padStart(7);
      const label = `${'  '.repeat(depth)}${span.name} [${span.service}]`;
      lines.push(`${bar} ${ms} ms  ${label}`);
      visit(span.spanId, depth + 1);
    }
  };
  visit('', 0);
  return lines.join('\n');
}
