import type { SamplingMode } from '../propagation';
import { validateTracestateEntry } from '../propagation';
import { upgradeConfig } from './migrate';
import {
  describeValue,
  isRawObject,
  ownField,
  readBoolean,
  readChoice,
  readList,
  readSection,
  readString,
  type RawObject,
} from './parse-fields';
import { parseBaggageEntries, parseSites, parseTargets } from './parse-lists';
import { parseExport } from './parse-export';
import { parseRecording } from './parse-recording';
import { validateBackendLink } from '../otlp/backend-link-validate';
import type { BackendLinkSettings } from '../otlp/backend-link';
import {
  CONFIG_VERSION,
  DEFAULT_CONFIG,
  type Config,
  type Propagators,
  type SamplingConfig,
} from './schema';

export type ParseConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly errors: string[] };

const B3_MODES = ['off', 'single', 'multi'] as const;
const SAMPLING_MODES: readonly SamplingMode[] = ['always', 'never', 'ratio'];
const EXISTING_HEADER = ['keep', 'replace'] as const;

function parsePropagators(raw: RawObject, errors: string[]): Propagators {
  const section = readSection(raw, 'propagators', '', errors);
  const defaults = DEFAULT_CONFIG.propagators;
  const at = 'propagators';
  const tracestate = readString(section, 'tracestate', at, defaults.tracestate, errors);
  const invalid = validateTracestateEntry(tracestate);
  if (invalid !== null) errors.push(`propagators.tracestate: ${invalid}`);
  return {
    traceparent: readBoolean(section, 'traceparent', at, defaults.traceparent, errors),
    baggage: readBoolean(section, 'baggage', at, defaults.baggage, errors),
    tracestate: invalid === null ? tracestate : defaults.tracestate,
    b3: readChoice(section, 'b3', at, B3_MODES, defaults.b3, errors),
    jaeger: readBoolean(section, 'jaeger', at, defaults.jaeger, errors),
    debug: readBoolean(section, 'debug', at, defaults.debug, errors),
  };
}

function parseSampling(raw: RawObject, errors: string[]): SamplingConfig {
  const section = readSection(raw, 'sampling', '', errors);
  const defaults = DEFAULT_CONFIG.sampling;
  const mode = readChoice(section, 'mode', 'sampling', SAMPLING_MODES, defaults.mode, errors);
  let ratio = defaults.ratio;
  const value = ownField(section, 'ratio');
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1) {
    ratio = value;
  } else if (value !== undefined) {
    errors.push(`sampling.ratio: must be a number from 0 to 1, got ${describeValue(value)}`);
  }
  // -0 is in range but would not survive a JSON round trip as itself.
  return { mode, ratio: ratio === 0 ? 0 : ratio };
}

/** `backendLink`: a link preset or template, or null for none. */
function parseBackendLink(raw: RawObject, errors: string[]): BackendLinkSettings | null {
  const value = ownField(raw, 'backendLink');
  if (value === undefined) return DEFAULT_CONFIG.backendLink;
  if (value === null) return null;
  const result = validateBackendLink(value, 'backendLink');
  if (result.ok) return result.value;
  errors.push(...result.errors.map((e) => e.replace(/^(backendLink[\w.]*) /, '$1: ')));
  return DEFAULT_CONFIG.backendLink;
}

function parseSections(raw: RawObject): ParseConfigResult {
  const errors: string[] = [];
  const sites = readList(raw, 'sites', errors);
  const targets = readList(raw, 'targets', errors);
  const baggage = readList(raw, 'baggage', errors);
  const config: Config = {
    version: CONFIG_VERSION,
    enabled: readBoolean(raw, 'enabled', '', DEFAULT_CONFIG.enabled, errors),
    sites: sites === undefined ? [...DEFAULT_CONFIG.sites] : parseSites(sites, errors),
    targets: targets === undefined ? [...DEFAULT_CONFIG.targets] : parseTargets(targets, errors),
    propagators: parsePropagators(raw, errors),
    baggage:
      baggage === undefined ? [...DEFAULT_CONFIG.baggage] : parseBaggageEntries(baggage, errors),
    sampling: parseSampling(raw, errors),
    existingHeader: readChoice(
      raw,
      'existingHeader',
      '',
      EXISTING_HEADER,
      DEFAULT_CONFIG.existingHeader,
      errors,
    ),
    recording: parseRecording(raw, errors),
    backendLink: parseBackendLink(raw, errors),
    export: parseExport(raw, errors),
  };
  return errors.length === 0 ? { ok: true, config } : { ok: false, errors };
}

/**
 * Validates settings from an untrusted source (storage, a settings import, a test) and fills every
 * field left out with its default, nested ones included. Unknown keys are ignored, so settings
 * written for a later version with only added sections still load. Collects every error rather
 * than stopping at the first; never throws. See docs/config.md for each field.
 */
export function parseConfig(input: unknown): ParseConfigResult {
  try {
    if (!isRawObject(input)) {
      return { ok: false, errors: [`settings must be an object, got ${describeValue(input)}`] };
    }
    const upgraded = upgradeConfig(input);
    if (!upgraded.ok) return { ok: false, errors: [upgraded.error] };
    return parseSections(upgraded.raw);
  } catch {
    // Plain data cannot get here; a Proxy or a throwing getter (never from storage) can.
    return { ok: false, errors: ['settings could not be read: accessing a field failed'] };
  }
}
