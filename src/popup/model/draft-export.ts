/**
 * The export settings as the popup edits them. Text fields are kept as typed; resource
 * attributes are not edited here and always come from the saved settings.
 */
import {
  MAX_INTERVAL_SECONDS,
  MIN_INTERVAL_SECONDS,
  isIntervalSeconds,
  parseEndpoint,
  serviceNameProblem,
  type ExportCompression,
  type ExportConfig,
  type ExportProtocol,
} from '../../core/config/parse-export';
import { formatHeaderLines, readHeaderText, sameHeaders } from './header-lines';

export interface DraftExport {
  readonly endpoint: string;
  readonly protocol: ExportProtocol;
  readonly compression: ExportCompression;
  readonly serviceName: string;
  /** As typed: one `Name: value` per line, read by `readHeaderText`. */
  readonly headers: string;
  readonly auto: boolean;
  /** As typed, so a half-typed number survives; read by `parseInterval`. */
  readonly interval: string;
}

export interface ExportReview {
  readonly endpoint: string | null;
  readonly serviceName: string | null;
  /** One message per header line that cannot be saved. */
  readonly headers: readonly string[];
  readonly interval: string | null;
  /** Saving would change the export settings (Export and Test still use the saved ones). */
  readonly dirty: boolean;
}

export function draftExportFrom(settings: ExportConfig): DraftExport {
  return {
    endpoint: settings.endpoint,
    protocol: settings.protocol,
    compression: settings.compression,
    serviceName: settings.serviceName,
    headers: formatHeaderLines(settings.headers),
    auto: settings.auto,
    interval: String(settings.intervalSeconds),
  };
}

/** Whole seconds in the range the alarms allow, from what the user typed, or null. */
export function parseInterval(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const seconds = Number(trimmed);
  return isIntervalSeconds(seconds) ? seconds : null;
}

/**
 * The export settings the draft describes on top of `saved`. Not validated: an unreadable
 * interval becomes NaN so the config parser refuses it; header lines with errors are left out
 * (the review's errors keep Save off).
 */
export function exportFromDraft(draft: DraftExport, saved: ExportConfig): ExportConfig {
  return {
    ...saved,
    endpoint: draft.endpoint,
    protocol: draft.protocol,
    compression: draft.compression,
    serviceName: draft.serviceName,
    headers: readHeaderText(draft.headers, saved.headers).headers,
    auto: draft.auto,
    intervalSeconds: parseInterval(draft.interval) ?? Number.NaN,
  };
}

/** True when the draft's export settings differ from `saved`, or hold lines that cannot be read. */
export function isExportDirty(draft: DraftExport, saved: ExportConfig): boolean {
  const next = exportFromDraft(draft, saved);
  return (
    next.endpoint !== saved.endpoint ||
    next.protocol !== saved.protocol ||
    next.compression !== saved.compression ||
    next.serviceName !== saved.serviceName ||
    next.auto !== saved.auto ||
    !Object.is(next.intervalSeconds, saved.intervalSeconds) ||
    !sameHeaders(next.headers, saved.headers) ||
    readHeaderText(draft.headers, saved.headers).errors.length > 0
  );
}

const BLANK_ENDPOINT = 'enter the OTLP/HTTP traces URL, e.g. http://localhost:4318/v1/traces';
const INTERVAL_RULE = `enter a whole number of seconds from ${String(MIN_INTERVAL_SECONDS)} to ${String(MAX_INTERVAL_SECONDS)}`;

/** Per-field messages for the export settings, and the same prefixed for the Save bar's list. */
export function reviewExport(
  draft: DraftExport,
  saved: ExportConfig,
): { readonly review: ExportReview; readonly issues: readonly string[] } {
  const parsed = parseEndpoint(draft.endpoint);
  const endpoint =
    draft.endpoint.trim() === '' ? BLANK_ENDPOINT : parsed.ok ? null : parsed.problem;
  const serviceName = serviceNameProblem(draft.serviceName);
  const headers = readHeaderText(draft.headers, saved.headers).errors;
  const interval = parseInterval(draft.interval) === null ? INTERVAL_RULE : null;

  const issues: string[] = [];
  if (endpoint !== null) issues.push(`Endpoint: ${endpoint}`);
  if (serviceName !== null) issues.push(`Service name: ${serviceName}`);
  for (const error of headers) issues.push(`Export headers: ${error}`);
  if (interval !== null) issues.push(`Interval: ${interval}`);
  return {
    review: { endpoint, serviceName, headers, interval, dirty: isExportDirty(draft, saved) },
    issues,
  };
}

/** The line that says where resource attributes are set, since the popup does not edit them. */
export function resourceAttributesHint(settings: ExportConfig): string {
  const count = Object.keys(settings.resourceAttributes).length;
  const counted = count === 0 ? '' : ` (${String(count)})`;
  return `Resource attributes${counted}: set them in the settings JSON (docs/config.md).`;
}
