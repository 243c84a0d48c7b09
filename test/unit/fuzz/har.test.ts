/**
 * Fuzz (issue #13): HAR entries as DevTools hands them to the recorder, and HAR files as the panel
 * imports them: entries Chromium really produced (test/fixtures/har) with parts broken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { harEntries, importHar } from '../../../src/devtools/panel/model/import-har';
import { DEFAULT_SENSITIVE_PARAMS, harEntryToSpan, type MapContext } from '../../../src/core/span';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { counterRandom } from '../span/har-entries';
import { expectOtlpRoundTrip, expectWellFormedSpan } from './span-checks';
import { expectReadable, junkArb, leavesUnchanged } from './junk';
import { mutatedArb, mutatedTextArb } from './mutate';

interface Fixture {
  readonly pageUrl: string;
  readonly tabId: number;
  readonly pageView: MapContext['pageView'];
  readonly entries: readonly unknown[];
}

const DIR = new URL('../../fixtures/har/', import.meta.url);
const FIXTURES: readonly Fixture[] = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Fixture);

/** The recorder's context for a fixture's tab, with fresh deterministic ids. */
function contextOf(fixture: Fixture): MapContext {
  return {
    tabId: fixture.tabId,
    pageViewId: 'pv-fuzz',
    pageUrl: fixture.pageUrl,
    pageView: fixture.pageView,
    sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
    random: counterRandom(),
  };
}

const IMPORT_CTX = {
  tabId: -1,
  pageViewId: 'import-fuzz',
  pageUrl: 'file:///fuzz.har',
  sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
  exported: 1,
} as const;

const fixtureArb = fc.constantFrom(...FIXTURES);
const entryArb = fixtureArb.chain((f) => fc.constantFrom(...f.entries));

describe('harEntryToSpan over broken Chromium entries', () => {
  test(
    'never throws or mutates; a span is well formed and exports as itself, an error says why',
    () => {
      fc.assert(
        fc.property(
          fixtureArb,
          fc.oneof(
            { weight: 5, arbitrary: mutatedArb(entryArb) },
            { weight: 1, arbitrary: junkArb },
          ),
          (fixture, entry) => {
            const result = leavesUnchanged(entry, (e) => harEntryToSpan(e, contextOf(fixture)));
            if (result.kind === 'span') {
              expectWellFormedSpan(result.span);
              expectOtlpRoundTrip([result.span], IMPORT_CTX);
            } else if (result.kind === 'skipped') {
              expectReadable(result.reason);
            } else {
              expectReadable(result.error);
              // The catch-all is for throwing getters; plain data reaching it is a bug.
              expect(result.error).not.toMatch(/^could not read the HAR entry/);
            }
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** A HAR file as DevTools saves it, of one fixture's entries. */
const harFileArb = fixtureArb.map((f) => ({
  log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries: f.entries },
}));

describe('importHar over broken files', () => {
  test(
    'never throws; every entry is a span, an issue with a reason, or counted as not read',
    () => {
      fc.assert(
        fc.property(mutatedTextArb(harFileArb), (text) => {
          const ctx = contextOf(FIXTURES[0] as Fixture);
          const result = importHar(text, { ...ctx, pageView: null });
          if (!result.ok) {
            expectReadable(result.error);
            return;
          }
          const entries = harEntries(JSON.parse(text));
          expect(Array.isArray(entries)).toBe(true);
          const count = (entries as readonly unknown[]).length;
          const { spans, errors, skipped, notRead } = result;
          expect(spans.length + errors.length + skipped.length + notRead).toBe(count);
          for (const issue of [...errors, ...skipped]) {
            expect(Number.isInteger(issue.index) && issue.index >= 0 && issue.index < count).toBe(
              true,
            );
            expectReadable(issue.message);
          }
          for (const span of spans) expectWellFormedSpan(span);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
