/** The export benchmark's figures as markdown for BENCHMARKS.md (bench/export.bench.ts). */
import type { Goal } from './goals';
import { sample, type Sample } from './bench-spans';
import type { EncoderBenchResult, Format } from './encoder-timing';
import type { ExportVariant } from './export-protocol';
import { RECEIVER_ROLE, VARIANTS, type ExportResult, type ExportRun } from './export-rounds';

/** Rows of the CPU table, in this order; any other role is summed into "other Chromium". */
const ROLES = [
  'browser',
  'extension renderer',
  'network service',
  'storage service',
  'gpu-process',
  'other renderers',
];
const PER = 100_000;

export const n = (value: number, digits = 0) =>
  value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const range = (s: Sample, digits = 0) =>
  `${n(s.median, digits)} (${n(s.min, digits)}–${n(s.max, digits)})`;
const times = (ratio: number) => `${n(ratio, 2)}×`;
const label = (v: ExportVariant) =>
  `${v.protocol === 'json' ? 'JSON' : 'protobuf'}, ${v.compression === 'gzip' ? 'gzip' : 'no compression'}`;

interface VariantFigures {
  readonly variant: ExportVariant;
  readonly rate: Sample;
  readonly ms: Sample;
  readonly requests: number;
  readonly bytesPerSpan: number;
  /** Median CPU seconds per 100,000 spans by role, plus `Chromium, all` and the receiver. */
  readonly cpu: ReadonlyMap<string, number>;
}

function figures(result: ExportResult, variant: ExportVariant): VariantFigures {
  const runs = result.runs.filter((r) => r.variant === variant);
  const scale = PER / result.spans;
  const role = (pick: (run: ExportRun) => number) => sample(runs.map(pick)).median * scale;
  const cpu = new Map<string, number>();
  const roles = new Set(runs.flatMap((r) => [...r.cpu.keys()]));
  const chromium = (r: ExportRun) =>
    [...r.cpu].filter(([k]) => k !== RECEIVER_ROLE).reduce((sum, [, v]) => sum + v, 0);
  for (const name of ROLES)
    cpu.set(
      name,
      role((r) => r.cpu.get(name) ?? 0),
    );
  const others = [...roles].filter((k) => !ROLES.includes(k) && k !== RECEIVER_ROLE);
  cpu.set(
    'other Chromium',
    role((r) => others.reduce((sum, k) => sum + (r.cpu.get(k) ?? 0), 0)),
  );
  cpu.set('Chromium, all processes', role(chromium));
  cpu.set(
    RECEIVER_ROLE,
    role((r) => r.cpu.get(RECEIVER_ROLE) ?? 0),
  );
  return {
    variant,
    rate: sample(runs.map((r) => result.spans / (r.ms / 1000))),
    ms: sample(runs.map((r) => r.ms)),
    requests: sample(runs.map((r) => r.requests)).median,
    bytesPerSpan: sample(runs.map((r) => r.bodyBytes / result.spans)).median,
    cpu,
  };
}

export function throughputSection(result: ExportResult, rounds: number): string {
  const all = VARIANTS.map((v) => figures(result, v));
  const get = (protocol: string, compression: string) => {
    const found = all.find(
      (f) => f.variant.protocol === protocol && f.variant.compression === compression,
    );
    if (found === undefined) throw new Error(`no ${protocol}/${compression} figures`);
    return found.rate.median;
  };
  const protoVsJson = [
    get('protobuf', 'none') / get('json', 'none'),
    get('protobuf', 'gzip') / get('json', 'gzip'),
  ];
  const gzipVsNone = [
    get('json', 'gzip') / get('json', 'none'),
    get('protobuf', 'gzip') / get('protobuf', 'none'),
  ];
  const roles = [...(all[0]?.cpu.keys() ?? [])];
  // A process that did no measurable work (ticks are 10 ms) is named, not given a row of zeros.
  const idle = roles.filter((role) => all.every((f) => (f.cpu.get(role) ?? 0) < 0.005));
  const cpuRows = roles
    .filter((role) => !idle.includes(role))
    .map((role) => {
      const cells = all.map((f) => n(f.cpu.get(role) ?? 0, 2));
      const total = role === 'Chromium, all processes' || role === RECEIVER_ROLE;
      return `| ${total ? `**${role}**` : role} | ${cells.join(' | ')} |`;
    });
  const receiver = (protocol: string) =>
    all
      .find((f) => f.variant.protocol === protocol && f.variant.compression === 'none')
      ?.cpu.get(RECEIVER_ROLE) ?? 0;
  return [
    `**Protobuf exports ${times(protoVsJson[0] ?? 0)} the spans per second of JSON** uncompressed ` +
      `(${times(protoVsJson[1] ?? 0)} with gzip); **gzip runs at ${times(gzipVsNone[0] ?? 0)} the uncompressed rate for JSON ` +
      `and ${times(gzipVsNone[1] ?? 0)} for protobuf** (medians of ${String(rounds)} rounds).`,
    '',
    `| export of ${n(result.spans)} stored spans | spans/s, median (min–max) | time, ms | requests | bytes sent per span |`,
    '| --- | --: | --: | --: | --: |',
    ...all.map(
      (f) =>
        `| ${label(f.variant)} | **${range(f.rate)}** | ${range(f.ms)} | ${String(f.requests)} | ${n(f.bytesPerSpan)} |`,
    ),
    '',
    `CPU seconds per ${n(PER)} spans during the export, by process (median of ${String(rounds)} rounds):`,
    '',
    `| process | ${all.map((f) => label(f.variant)).join(' | ')} |`,
    `| --- | ${all.map(() => '--:').join(' | ')} |`,
    ...cpuRows,
    '',
    (idle.length > 0 ? `No measurable CPU (under 0.01 s): ${idle.join(', ')}. ` : '') +
      (idle.includes('storage service')
        ? "IndexedDB's work is counted in the browser process. "
        : '') +
      'The exporter waits for each answer, and the receiver answers once it has decoded, so its ' +
      `decoding is on the export's critical path: ${n(receiver('json'), 2)} s per ${n(PER)} spans ` +
      `for JSON (protobufjs \`fromObject\`) against ${n(receiver('protobuf'), 2)} s for protobuf, ` +
      'which is part of the gap between the two.',
  ].join('\n');
}

const ratioOf = (r: EncoderBenchResult, f: Format) =>
  r[f].ours.msPerBatch.median / r[f].theirs.msPerBatch.median;
/** The goal is "no slower": met at a ratio of 1 or less, otherwise by how much it is missed. */
const slower = (ratio: number) => `${n((ratio - 1) * 100)} % slower`;

function encoderRows(where: string, result: EncoderBenchResult): string[] {
  return (['json', 'protobuf'] as const satisfies readonly Format[]).map((format) => {
    const { ours, theirs } = result[format];
    const ratio = ratioOf(result, format);
    const kb = (bytes: number) => n(bytes / result.batches / 1024, 0);
    return (
      `| ${format === 'json' ? 'JSON' : 'protobuf'} | ${where} | **${range(ours.msPerBatch, 2)}** | ` +
      `${range(theirs.msPerBatch, 2)} | **${times(ratio)}** | ${kb(ours.bytes)} / ${kb(theirs.bytes)} | ` +
      `${ratio <= 1 ? 'yes' : `**no**, ${slower(ratio)}`} |`
    );
  });
}

export function encoderSection(node: EncoderBenchResult, chromium: EncoderBenchResult): string {
  const verdict = (f: Format) =>
    (
      [
        ['Node', node],
        ['Chromium', chromium],
      ] as const
    )
      .map(([where, r]) => {
        const ratio = ratioOf(r, f);
        return `${ratio <= 1 ? 'met' : `not met (${slower(ratio)})`} in ${where}`;
      })
      .join(', ');
  return [
    `**Encoder, ours ÷ @opentelemetry/otlp-transformer's time per ${n(node.spansPerBatch)}-span batch: ` +
      `JSON ${times(ratioOf(node, 'json'))} in Node, ${times(ratioOf(chromium, 'json'))} in Chromium; ` +
      `protobuf ${times(ratioOf(node, 'protobuf'))} in Node, ${times(ratioOf(chromium, 'protobuf'))} in Chromium.** ` +
      `Goal "no slower than the official serializers": JSON ${verdict('json')}; protobuf ${verdict('protobuf')}.`,
    '',
    '| format | where | ours, ms per batch, median (min–max) | theirs | ours ÷ theirs | body KiB per batch, ours / theirs | no slower |',
    '| --- | --- | --: | --: | --: | --: | --- |',
    ...encoderRows('Node', node),
    ...encoderRows('Chromium', chromium),
  ].join('\n');
}

/** The encoder goal, "no slower than the official serializers", per format and runtime. */
export function encoderGoals(node: EncoderBenchResult, chromium: EncoderBenchResult): Goal[] {
  const where = [
    ['Chromium', chromium],
    ['Node', node],
  ] as const;
  return where.flatMap(([runtime, r]) =>
    (['protobuf', 'json'] as const).map((format) => {
      const ratio = ratioOf(r, format);
      return {
        figure: `${format === 'json' ? 'JSON' : 'protobuf'} encoder in ${runtime}: ${range(r[format].ours.msPerBatch, 2)} ms per ${n(r.spansPerBatch)} spans`,
        anchor: `@opentelemetry/otlp-transformer: ${range(r[format].theirs.msPerBatch, 2)} ms`,
        ratio: times(ratio),
        goal: 'no slower (≤ 1×)',
        met: ratio <= 1,
      };
    }),
  );
}
