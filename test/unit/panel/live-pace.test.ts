import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  Coalescer,
  LIVE_MAX_MS,
  LIVE_MIN_MS,
  liveDelay,
} from '../../../src/devtools/panel/data/live-pace';
import { PanelState } from '../../../src/devtools/panel/model/panel-state';
import { row, sid, T0 } from './builders';

describe('liveDelay', () => {
  test('keeps re-deriving for live rows to a fifth of the time, within bounds', () => {
    expect(liveDelay(0)).toBe(LIVE_MIN_MS);
    expect(liveDelay(5)).toBe(LIVE_MIN_MS);
    expect(liveDelay(60)).toBe(300);
    expect(liveDelay(150)).toBe(750);
    expect(liveDelay(400)).toBe(LIVE_MAX_MS);
  });

  test('a cost it cannot read waits the longest', () => {
    expect(liveDelay(Number.NaN)).toBe(LIVE_MAX_MS);
    expect(liveDelay(Number.POSITIVE_INFINITY)).toBe(LIVE_MAX_MS);
  });
});

describe('Coalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('touches during a wait are shown together, once, when it ends', () => {
    const flush = vi.fn();
    const delays = [300, 700];
    const live = new Coalescer(flush, () => delays.shift() ?? 0);
    live.touch();
    vi.advanceTimersByTime(200);
    live.touch();
    live.touch();
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(1);
    // The next wait is read when it starts: what the last update cost by then.
    live.touch();
    vi.advanceTimersByTime(699);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  test('cancel drops a pending show, and a later touch starts afresh', () => {
    const flush = vi.fn();
    const live = new Coalescer(flush, () => 100);
    live.touch();
    live.cancel();
    vi.advanceTimersByTime(1000);
    expect(flush).not.toHaveBeenCalled();
    live.touch();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});

describe('PanelState.updateMs', () => {
  test('is what the last derive with changed rows took; a filter-only derive leaves it', () => {
    let now = 0;
    let step = 10;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += step));
    try {
      const state = new PanelState();
      expect(state.updateMs).toBe(0);
      state.upsert([row({ spanId: sid(1), startTime: T0 })]);
      state.snapshot();
      expect(state.updateMs).toBe(10);
      state.choose({ filterText: 'status:5xx' });
      step = 1000; // a filter-only derive, however long, is not what an update costs
      state.snapshot();
      expect(state.updateMs).toBe(10);
      step = 25;
      state.upsert([row({ spanId: sid(2), startTime: T0 + 5 })], true);
      state.snapshot();
      expect(state.updateMs).toBe(25);
      expect(state.snapshot().rowCount).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });
});
