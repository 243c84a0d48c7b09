/**
 * Validation of the backend link settings, for the config parser: a value or every error, never
 * an exception. Each error names its field under `path` (the parser's place for the settings).
 * Only http(s) links are accepted: the panel opens the URL in a tab, and `javascript:` or `data:`
 * there would run or show whatever the settings say.
 */
import {
  fillTemplate,
  SPAN_ID_PLACEHOLDER,
  TRACE_ID_PLACEHOLDER,
  type BackendKind,
  type BackendLinkSettings,
} from './backend-link';

export type BackendLinkValidation =
  | { readonly ok: true; readonly value: BackendLinkSettings }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Longest accepted URL or template: far beyond any real one, short of what a tab refuses. */
export const MAX_LINK_LENGTH = 2048;
/** Longest Grafana data source uid, team, environment or dataset name. */
export const MAX_LINK_NAME_LENGTH = 200;

const KINDS: readonly BackendKind[] = ['jaeger', 'zipkin', 'tempo', 'honeycomb', 'custom'];
const PLACEHOLDERS: ReadonlySet<string> = new Set([TRACE_ID_PLACEHOLDER, SPAN_ID_PLACEHOLDER]);
const SAMPLE = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

type Raw = Readonly<Record<string, unknown>>;

function own(raw: Raw, key: string): unknown {
  return Object.hasOwn(raw, key) ? raw[key] : undefined;
}

/** Why `url` is not a usable http(s) URL, or null when it is one. */
function urlProblem(url: string): string | null {
  if (url.length > MAX_LINK_LENGTH) return `is longer than ${MAX_LINK_LENGTH} characters`;
  if (!/^https?:\/\//i.test(url)) return 'must start with http:// or https://';
  try {
    const parsed = new URL(url);
    return parsed.hostname === '' ? 'has no host' : null;
  } catch {
    return 'is not a valid URL';
  }
}

function baseUrl(raw: Raw, key: string, path: string, errors: string[]): string {
  const value = own(raw, key);
  if (typeof value !== 'string') {
    errors.push(`${path}.${key} must be a string (an http(s) URL)`);
    return '';
  }
  const problem = urlProblem(value);
  if (problem !== null) errors.push(`${path}.${key} ${problem}`);
  else if (/[?#]/.test(value)) errors.push(`${path}.${key} must not have a query or fragment`);
  return value;
}

function name(raw: Raw, key: string, path: string, errors: string[]): string {
  const value = own(raw, key);
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push(`${path}.${key} must be a non-empty string`);
    return '';
  }
  if (value.length > MAX_LINK_NAME_LENGTH) {
    errors.push(`${path}.${key} is longer than ${MAX_LINK_NAME_LENGTH} characters`);
  }
  return value;
}

function template(raw: Raw, path: string, errors: string[]): string {
  const value = own(raw, 'template');
  const at = `${path}.template`;
  if (typeof value !== 'string') {
    errors.push(`${at} must be a string`);
    return '';
  }
  for (const match of value.matchAll(/\{[^{}]*\}/g)) {
    if (!PLACEHOLDERS.has(match[0])) {
      errors.push(
        `${at} has an unknown placeholder ${match[0].slice(0, 40)}; use {traceId} or {spanId}`,
      );
    }
  }
  if (/[{}]/.test(value.replace(/\{[^{}]*\}/g, ''))) errors.push(`${at} has an unmatched { or }`);
  if (!value.includes(TRACE_ID_PLACEHOLDER)) errors.push(`${at} must contain {traceId}`);
  const problem = urlProblem(fillTemplate(value, SAMPLE));
  if (problem !== null) errors.push(`${at} ${problem}`);
  return value;
}

function orgId(raw: Raw, path: string, errors: string[]): { orgId?: number } {
  const value = own(raw, 'orgId');
  if (value === undefined) return {};
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    errors.push(`${path}.orgId must be a whole number of 1 or more`);
    return {};
  }
  return { orgId: value };
}

function settingsOf(
  kind: BackendKind,
  raw: Raw,
  path: string,
  errors: string[],
): BackendLinkSettings {
  switch (kind) {
    case 'jaeger':
    case 'zipkin':
      return { kind, baseUrl: baseUrl(raw, 'baseUrl', path, errors) };
    case 'tempo':
      return {
        kind,
        grafanaUrl: baseUrl(raw, 'grafanaUrl', path, errors),
        datasourceUid: name(raw, 'datasourceUid', path, errors),
        ...orgId(raw, path, errors),
      };
    case 'honeycomb':
      return {
        kind,
        team: name(raw, 'team', path, errors),
        environment: name(raw, 'environment', path, errors),
        dataset: name(raw, 'dataset', path, errors),
      };
    case 'custom':
      return { kind, template: template(raw, path, errors) };
  }
}

/** The backend link settings in `raw`, or every reason they cannot be used. */
export function validateBackendLink(raw: unknown, path = 'backendLink'): BackendLinkValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [`${path} must be an object`] };
  }
  const obj = raw as Raw;
  const kind = KINDS.find((k) => k === own(obj, 'kind'));
  if (kind === undefined) {
    return { ok: false, errors: [`${path}.kind must be one of ${KINDS.join(', ')}`] };
  }
  const errors: string[] = [];
  const value = settingsOf(kind, obj, path, errors);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}
