import { describe, expect, test } from 'vitest';
import {
  addBaggageRow,
  addTargetRow,
  draftFromConfig,
  removeBaggageRow,
  removeTargetRow,
  setExistingHeader,
  updateBaggageRow,
  updateTargetRow,
} from '../../../src/popup/model';
import { sampleConfig } from './fixtures';

const draft = draftFromConfig(sampleConfig());

describe('baggage rows', () => {
  test('add appends an empty row with the next id', () => {
    const next = addBaggageRow(draft);
    expect(next.baggage.at(-1)).toEqual({ id: draft.nextId, key: '', value: '' });
    expect(next.nextId).toBe(draft.nextId + 1);
    expect(draft.baggage).toHaveLength(1);
  });

  test('ids stay unique after removing and adding', () => {
    const one = addBaggageRow(addBaggageRow(draft));
    const two = addBaggageRow(removeBaggageRow(one, one.baggage[1]?.id ?? -1));
    const ids = two.baggage.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('update changes only the named row and field', () => {
    const two = addBaggageRow(draft);
    const id = two.baggage[1]?.id ?? -1;
    const next = updateBaggageRow(two, id, { key: 'team' });
    expect(next.baggage[1]).toEqual({ id, key: 'team', value: '' });
    expect(next.baggage[0]).toBe(two.baggage[0]);
  });

  test('remove drops the row by id', () => {
    const id = draft.baggage[0]?.id ?? -1;
    expect(removeBaggageRow(draft, id).baggage).toEqual([]);
  });
});

describe('target rows', () => {
  test('a new target starts in network mode, which needs no CORS consent', () => {
    expect(addTargetRow(draft).targets.at(-1)).toMatchObject({ match: '', mode: 'network' });
    expect(addTargetRow(draft, 'page').targets.at(-1)?.mode).toBe('page');
  });

  test('update and remove by id', () => {
    const id = draft.targets[0]?.id ?? -1;
    expect(updateTargetRow(draft, id, { mode: 'page' }).targets[0]?.mode).toBe('page');
    expect(removeTargetRow(draft, id).targets).toEqual([]);
  });
});

test('existing-header policy', () => {
  expect(setExistingHeader(draft, 'replace').existingHeader).toBe('replace');
  expect(draft.existingHeader).toBe('keep');
});
