/** Pure edits of a draft: each returns a new draft and leaves the old one untouched. */
import type { Propagators, TargetMode } from '../../core/config/schema';
import type { ExistingHeaderPolicy, SamplingMode } from '../../core/propagation';
import type { BaggageRow, Draft, TargetRow } from './draft';
import type { DraftExport } from './draft-export';

export function setPropagator<K extends keyof Propagators>(
  draft: Draft,
  name: K,
  value: Propagators[K],
): Draft {
  return { ...draft, propagators: { ...draft.propagators, [name]: value } };
}

/** Appends an empty baggage row; its id is the draft's former `nextId`. */
export function addBaggageRow(draft: Draft): Draft {
  const row: BaggageRow = { id: draft.nextId, key: '', value: '' };
  return { ...draft, baggage: [...draft.baggage, row], nextId: draft.nextId + 1 };
}

export function updateBaggageRow(
  draft: Draft,
  id: number,
  patch: Partial<Pick<BaggageRow, 'key' | 'value'>>,
): Draft {
  return {
    ...draft,
    baggage: draft.baggage.map((row) => (row.id === id ? { ...row, ...patch } : row)),
  };
}

export function removeBaggageRow(draft: Draft, id: number): Draft {
  return { ...draft, baggage: draft.baggage.filter((row) => row.id !== id) };
}

/** Appends an empty target row. `network` needs no CORS consent from the server, so it is the safe start. */
export function addTargetRow(draft: Draft, mode: TargetMode = 'network'): Draft {
  const row: TargetRow = { id: draft.nextId, match: '', mode };
  return { ...draft, targets: [...draft.targets, row], nextId: draft.nextId + 1 };
}

export function updateTargetRow(
  draft: Draft,
  id: number,
  patch: Partial<Pick<TargetRow, 'match' | 'mode'>>,
): Draft {
  return {
    ...draft,
    targets: draft.targets.map((row) => (row.id === id ? { ...row, ...patch } : row)),
  };
}

export function removeTargetRow(draft: Draft, id: number): Draft {
  return { ...draft, targets: draft.targets.filter((row) => row.id !== id) };
}

export function setSamplingMode(draft: Draft, mode: SamplingMode): Draft {
  return { ...draft, sampling: { ...draft.sampling, mode } };
}

export function setSamplingRatio(draft: Draft, ratio: string): Draft {
  return { ...draft, sampling: { ...draft.sampling, ratio } };
}

export function setExistingHeader(draft: Draft, existingHeader: ExistingHeaderPolicy): Draft {
  return { ...draft, existingHeader };
}

export function setExportField<K extends keyof DraftExport>(
  draft: Draft,
  name: K,
  value: DraftExport[K],
): Draft {
  return { ...draft, export: { ...draft.export, [name]: value } };
}
