/** Builds the page hook's header template (header-template.ts) from the real injector. */
import { createInjector } from './composite';
import { BAGGAGE_HEADER, TRACESTATE_HEADER, UBERCTX_HEADER_PREFIX } from './headers';
import {
  SPAN_ID_HOLE,
  TRACE_ID_HOLE,
  type HeaderTemplate,
  type TemplateHeader,
  type TemplatePart,
} from './header-template';
import type { PropagationSettings } from './injector-types';
import { samplingUpperBound } from './sampling';
import { TRACE_FLAG_RANDOM, TRACE_FLAG_SAMPLED } from './span-context';

// Stand-ins for the ids. Formatting only interpolates them, and they are looked for only in the
// trace headers, whose values hold nothing but ids and flags: baggage, uberctx and tracestate
// values are the user's text, which could hold anything, and never hold an id.
const TRACE_ID_MARK = '\u0001';
const SPAN_ID_MARK = '\u0002';
const SAMPLE_WORDS = 2 ** 32;

function holes(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  for (const char of value) {
    if (char !== TRACE_ID_MARK && char !== SPAN_ID_MARK) {
      text += char;
      continue;
    }
    if (text !== '') parts.push(text);
    text = '';
    parts.push(char === TRACE_ID_MARK ? TRACE_ID_HOLE : SPAN_ID_HOLE);
  }
  if (text !== '') parts.push(text);
  return parts;
}

function isUserText(name: string): boolean {
  return (
    name === BAGGAGE_HEADER || name === TRACESTATE_HEADER || name.startsWith(UBERCTX_HEADER_PREFIX)
  );
}

export function compileHeaderTemplate(settings: PropagationSettings): HeaderTemplate {
  const injector = createInjector(settings);
  const headers = (traceFlags: number): TemplateHeader[] =>
    Object.entries(
      injector.headersFor({ traceId: TRACE_ID_MARK, spanId: SPAN_ID_MARK, traceFlags }),
    ).map(([name, value]) => [name, isUserText(name) ? [value] : holes(value)]);
  const bound = settings.debug ? SAMPLE_WORDS : samplingUpperBound(settings.sampling);
  return {
    sampleBound: Math.min(bound, SAMPLE_WORDS),
    sampled: headers(TRACE_FLAG_RANDOM | TRACE_FLAG_SAMPLED),
    unsampled: headers(TRACE_FLAG_RANDOM),
  };
}
