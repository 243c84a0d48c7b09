import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import {
  addBaggageRow,
  draftFromConfig,
  draftToConfig,
  isDirty,
  parseRatio,
  removeBaggageRow,
  setPropagator,
  setSamplingMode,
  setSamplingRatio,
  updateBaggageRow,
} from '../../../src/popup/model';
import { sampleConfig } from './fixtures';

describe('draftFromConfig / draftToConfig', () => {
  test('round-trip gives back the config', () => {
    const config = sampleConfig();
    expect(draftToConfig(draftFromConfig(config), config)).toEqual(config);
  });

  test('rows get distinct ids and nextId is past them', () => {
    const draft = draftFromConfig(sampleConfig());
    const ids = [...draft.baggage, ...draft.targets].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.max(...ids)).toBeLessThan(draft.nextId);
  });

  test('the ratio is kept as typed text', () => {
    expect(draftFromConfig(sampleConfig()).sampling).toEqual({ mode: 'ratio', ratio: '0.5' });
  });

  test('enabled and sites come from the saved config, never from the draft', () => {
    const draft = draftFromConfig(sampleConfig());
    const saved = sampleConfig({ enabled: false, sites: ['https://other.example'] });
    const next = draftToConfig(draft, saved);
    expect(next.enabled).toBe(false);
    expect(next.sites).toEqual(['https://other.example']);
  });

  test('an unreadable ratio is NaN in ratio mode and the saved ratio otherwise', () => {
    const saved = sampleConfig();
    const draft = setSamplingRatio(draftFromConfig(saved), 'abc');
    expect(draftToConfig(draft, saved).sampling.ratio).toBeNaN();
    expect(draftToConfig(setSamplingMode(draft, 'always'), saved).sampling).toEqual({
      mode: 'always',
      ratio: 0.5,
    });
  });
});

describe('parseRatio', () => {
  test.each([
    ['0', 0],
    ['1', 1],
    ['0.25', 0.25],
    [' .5 ', 0.5],
    ['1e-1', 0.1],
  ])('%j is %d', (text, ratio) => {
    expect(parseRatio(text)).toBe(ratio);
  });

  test.each(['', '  ', '-0.1', '1.01', 'abc', 'NaN', 'Infinity', '0.5.1'])(
    '%j is refused',
    (text) => {
      expect(parseRatio(text)).toBeNull();
    },
  );
});

describe('isDirty', () => {
  const saved = sampleConfig();
  const clean = draftFromConfig(saved);

  test('a fresh draft is clean', () => {
    expect(isDirty(clean, saved)).toBe(false);
    expect(isDirty(draftFromConfig(DEFAULT_CONFIG), DEFAULT_CONFIG)).toBe(false);
  });

  test.each([
    ['a propagator', setPropagator(clean, 'jaeger', true)],
    ['the tracestate entry', setPropagator(clean, 'tracestate', 'v=1')],
    ['an added row', addBaggageRow(clean)],
    ['a removed row', removeBaggageRow(clean, clean.baggage[0]?.id ?? -1)],
    ['a row value', updateBaggageRow(clean, clean.baggage[0]?.id ?? -1, { value: 'prod' })],
    ['the sampling mode', setSamplingMode(clean, 'never')],
    ['the ratio', setSamplingRatio(clean, '0.25')],
    ['an unreadable ratio', setSamplingRatio(clean, '')],
  ])('changing %s makes it dirty', (_, draft) => {
    expect(isDirty(draft, saved)).toBe(true);
  });

  test('an edit that is undone is clean again', () => {
    const id = clean.baggage[0]?.id ?? -1;
    const back = updateBaggageRow(updateBaggageRow(clean, id, { value: 'x' }), id, {
      value: 'staging',
    });
    expect(isDirty(back, saved)).toBe(false);
    expect(isDirty(setSamplingRatio(clean, '0.50'), saved)).toBe(false);
  });
});
