// Spans of the real Chromium HAR captures in test/fixtures/har, mapped as the recorder maps them.
import { readFileSync } from 'node:fs';
import { harEntryToSpan } from '../../../src/core/span/har-to-span';
import type { PageViewContext } from '../../../src/core/span/map-context';
import type { RecordedSpan } from '../../../src/core/span/model';
import type { RandomSource } from '../../../src/core/propagation';
import { mapContext } from '../span/har-entries';

export interface HarFixture {
  readonly entries: readonly unknown[];
  readonly tabId: number;
  readonly pageUrl: string;
  readonly pageView: PageViewContext | null;
}

export function harFixture(name: string): HarFixture {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/har/${name}.json`, import.meta.url), 'utf8'),
  ) as HarFixture;
}

/** Deterministic bytes from `seed`: different seeds give different ids, none all zero. */
function seededRandom(seed: number): RandomSource {
  let next = seed * 4099;
  return (out) => {
    for (let i = 0; i < out.length; i++) out[i] = (++next % 255) + 1;
  };
}

/** The fixture's entries as spans; `seed` picks the ids the mapper draws. */
export function fixtureSpans(name: string, seed = 0): RecordedSpan[] {
  const fixture = harFixture(name);
  const ctx = mapContext({
    tabId: fixture.tabId,
    pageUrl: fixture.pageUrl,
    pageView: fixture.pageView,
    random: seededRandom(seed),
  });
  return fixture.entries.flatMap((entry) => {
    const result = harEntryToSpan(entry, ctx);
    return result.kind === 'span' ? [result.span] : [];
  });
}
