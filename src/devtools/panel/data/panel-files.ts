/** Files in and out of the panel: downloads of the shown spans, imports of HAR or OTLP JSON. */
import type { Config } from '../../../core/config/schema';
import { encodeOtlpJson } from '../../../core/otlp/json';
import { decodeOtlpJson } from '../../../core/otlp/json-decode';
import type { RecordedSpan } from '../../../core/span/model';
import { pooledRandom } from '../../../core/propagation';
import { extensionScope } from '../../../platform/extension';
import { toJaegerUpload } from '../model/jaeger-json';
import { importHar } from '../model/import-har';

const random = pooledRandom((bytes) => {
  crypto.getRandomValues(bytes);
});

export type FileKind = 'jaeger' | 'otlp';

/** The file's text for `spans`: Jaeger UI's upload JSON, or an OTLP/JSON export request. */
export function fileText(kind: FileKind, spans: readonly RecordedSpan[]): string {
  const serviceName = 'browser';
  const scope = extensionScope();
  if (kind === 'jaeger') return JSON.stringify(toJaegerUpload(spans, { serviceName, scope }));
  return JSON.stringify(
    encodeOtlpJson(spans, { resource: { 'service.name': serviceName }, scope }),
  );
}

/** Saves `text` as a file the browser downloads. */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

export type ImportResult =
  | { readonly ok: true; readonly spans: RecordedSpan[]; readonly summary: string }
  | { readonly ok: false; readonly error: string };

/** A HAR ("Save all as HAR") or an OTLP/JSON file as spans, through the recorder's own mapping. */
export function importFile(name: string, text: string, config: Config): ImportResult {
  const pageViewId = `import-${Date.now().toString(36)}`;
  const base = {
    tabId: -1,
    pageViewId,
    pageUrl: `file:///${name}`,
    sensitiveParams: config.recording.sensitiveParams,
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined; // JSON Lines: the OTLP decoder reads those
  }
  // A HAR has `log` at the top (its errors are the HAR's); anything else is read as OTLP/JSON.
  const har = typeof json === 'object' && json !== null && 'log' in json;
  if (har || name.toLowerCase().endsWith('.har')) {
    const imported = importHar(text, { ...base, pageView: null, random });
    if (!imported.ok) return { ok: false, error: `${name}: ${imported.error}` };
    const { spans, skipped, errors } = imported;
    const notHttp = skipped.length > 0 ? `, ${String(skipped.length)} not http(s)` : '';
    const failed = errors.length > 0 ? `, ${String(errors.length)} unreadable` : '';
    return {
      ok: true,
      spans,
      summary: `${String(spans.length)} spans from ${name}${notHttp}${failed}`,
    };
  }
  const otlp = decodeOtlpJson(text, { ...base, exported: 1 });
  if (!otlp.ok) return { ok: false, error: `${name}: ${otlp.error}` };
  const issues = otlp.issues.length + otlp.moreIssues;
  const first = otlp.issues[0];
  return {
    ok: true,
    spans: otlp.spans,
    summary:
      `${String(otlp.spans.length)} spans from ${name}` +
      (issues > 0 && first ? `; ${String(issues)} left out (${first.path}: ${first.message})` : ''),
  };
}
