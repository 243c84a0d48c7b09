/**
 * The popup's editable copy of the settings below the two switches. The switches (global and
 * site) are never pending: they are written at once, so they live only in the saved config.
 * Rows carry ids so that the UI keeps focus and keys stable while rows come and go.
 */
import type { Config, Propagators, TargetMode } from '../../core/config/schema';
import type { ExistingHeaderPolicy, SamplingMode } from '../../core/propagation';
import { draftExportFrom, exportFromDraft, isExportDirty, type DraftExport } from './draft-export';

export interface BaggageRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export interface TargetRow {
  readonly id: number;
  readonly match: string;
  readonly mode: TargetMode;
}

export interface DraftSampling {
  readonly mode: SamplingMode;
  /** As typed, so "0." survives; parsed by `parseRatio`. */
  readonly ratio: string;
}

export interface Draft {
  readonly propagators: Propagators;
  readonly baggage: readonly BaggageRow[];
  readonly targets: readonly TargetRow[];
  readonly sampling: DraftSampling;
  readonly existingHeader: ExistingHeaderPolicy;
  readonly export: DraftExport;
  /** Id for the next row added. */
  readonly nextId: number;
}

export function draftFromConfig(config: Config): Draft {
  let id = 1;
  const baggage = config.baggage.map(({ key, value }) => ({ id: id++, key, value }));
  const targets = config.targets.map(({ match, mode }) => ({ id: id++, match, mode }));
  return {
    propagators: config.propagators,
    baggage,
    targets,
    sampling: { mode: config.sampling.mode, ratio: String(config.sampling.ratio) },
    existingHeader: config.existingHeader,
    export: draftExportFrom(config.export),
    nextId: id,
  };
}

/** A ratio in [0, 1] from what the user typed, or null. */
export function parseRatio(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const ratio = Number(trimmed);
  return Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : null;
}

/**
 * The settings the draft describes on top of `saved` (which supplies `enabled`, `sites`,
 * `recording`, `backendLink` and the export's resource attributes).
 * Not validated: the result goes through the config parser. An unreadable ratio becomes NaN in
 * ratio mode, so the parser refuses it; in the other modes the ratio is unused and the saved
 * one is kept.
 */
export function draftToConfig(draft: Draft, saved: Config): Config {
  const typed = parseRatio(draft.sampling.ratio);
  const ratio = typed ?? (draft.sampling.mode === 'ratio' ? Number.NaN : saved.sampling.ratio);
  return {
    ...saved,
    propagators: draft.propagators,
    baggage: draft.baggage.map(({ key, value }) => ({ key, value })),
    targets: draft.targets.map(({ match, mode }) => ({ match, mode })),
    sampling: { mode: draft.sampling.mode, ratio },
    existingHeader: draft.existingHeader,
    export: exportFromDraft(draft.export, saved.export),
  };
}

/** True when saving the draft would change what is stored. */
export function isDirty(draft: Draft, saved: Config): boolean {
  const next = draftToConfig(draft, saved);
  return (
    !samePropagators(next.propagators, saved.propagators) ||
    next.existingHeader !== saved.existingHeader ||
    next.sampling.mode !== saved.sampling.mode ||
    !Object.is(next.sampling.ratio, saved.sampling.ratio) ||
    !sameList(next.baggage, saved.baggage, (a, b) => a.key === b.key && a.value === b.value) ||
    !sameList(next.targets, saved.targets, (a, b) => a.match === b.match && a.mode === b.mode) ||
    isExportDirty(draft.export, saved.export)
  );
}

function samePropagators(a: Propagators, b: Propagators): boolean {
  return (
    a.traceparent === b.traceparent &&
    a.baggage === b.baggage &&
    a.tracestate === b.tracestate &&
    a.b3 === b.b3 &&
    a.jaeger === b.jaeger &&
    a.debug === b.debug
  );
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => i < b.length && same(x, b[i] as T));
}
