/**
 * Fuzz (issue #13): OTLP/JSON files as the panel imports them (the official example, our own
 * export, JSON Lines of both) with parts broken, and any file through the panel's importFile.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { encodeOtlpJson } from '../../../src/core/otlp/json';
import {
  decodeOtlpJson,
  MAX_LISTED_ISSUES,
  type OtlpImportContext,
} from '../../../src/core/otlp/json-decode';
import { DEFAULT_SENSITIVE_PARAMS } from '../../../src/core/span';
import { importFile } from '../../../src/devtools/panel/data/panel-files';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { META, PAGE_VIEW, REQUEST } from '../otlp/json-spans';
import { expectReadable, leavesUnchanged } from './junk';
import { mutatedTextArb } from './mutate';
import { expectOtlpRoundTrip, expectWellFormedSpan } from './span-checks';

// The panel's file module names the extension in what it writes; importing needs no browser.
vi.mock('../../../src/platform/extension', () => ({
  extensionScope: () => ({ name: 'trace-capture', version: '0.0.0' }),
}));

const CTX: OtlpImportContext = {
  tabId: -1,
  pageViewId: 'import-fuzz',
  pageUrl: 'file:///fuzz.json',
  sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
  exported: 1,
};

function fixture(name: string): unknown {
  const url = new URL(`../../fixtures/otlp/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

const otlpDocArb = fc.constantFrom(
  fixture('opentelemetry-proto-example-trace.json'),
  fixture('trace-capture-export.json'),
  encodeOtlpJson([PAGE_VIEW, REQUEST], META),
);

/** One document, or JSON Lines of several as the Collector's file exporter writes them. */
const otlpTextArb = fc.oneof(
  { weight: 4, arbitrary: mutatedTextArb(otlpDocArb) },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.oneof(
          mutatedTextArb(otlpDocArb),
          otlpDocArb.map((d) => JSON.stringify(d)),
        ),
        {
          minLength: 2,
          maxLength: 3,
        },
      )
      .map((lines) => lines.join('\n')),
  },
);

describe('decodeOtlpJson over broken files', () => {
  test(
    'never throws; spans are well formed and export as themselves, problems name their path',
    () => {
      fc.assert(
        fc.property(otlpTextArb, (text) => {
          const result = decodeOtlpJson(text, CTX);
          if (!result.ok) {
            expectReadable(result.error);
            // The catch-all is for what plain JSON cannot hold; reaching it is a bug.
            expect(result.error).not.toMatch(/^could not read the file/);
            return;
          }
          expect(result.issues.length).toBeLessThanOrEqual(MAX_LISTED_ISSUES);
          for (const issue of result.issues) {
            expect(typeof issue.path).toBe('string');
            expectReadable(issue.message);
          }
          for (const span of result.spans) expectWellFormedSpan(span);
          expectOtlpRoundTrip(result.spans, CTX);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const harTextArb = mutatedTextArb(
  fc.constant({
    log: {
      version: '1.2',
      entries: (
        JSON.parse(
          readFileSync(new URL('../../fixtures/har/xhr-post.json', import.meta.url), 'utf8'),
        ) as { entries: unknown[] }
      ).entries,
    },
  }),
);

describe('importFile over broken files', () => {
  test(
    'never throws or touches the settings; says what it imported, or why nothing, by file name',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom('trace.json', 'capture.har', 'EXPORT.HAR', 'spans.jsonl'),
            fc.string({ minLength: 1, maxLength: 12 }),
          ),
          fc.oneof(otlpTextArb, harTextArb),
          (name, text) => {
            const result = leavesUnchanged(DEFAULT_CONFIG, (config) =>
              importFile(name, text, config as typeof DEFAULT_CONFIG),
            );
            if (!result.ok) {
              expect(result.error.startsWith(`${name}: `)).toBe(true);
              expectReadable(result.error.slice(name.length + 2));
              return;
            }
            expect(result.summary.startsWith(`${String(result.spans.length)} spans from `)).toBe(
              true,
            );
            for (const span of result.spans) expectWellFormedSpan(span);
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
