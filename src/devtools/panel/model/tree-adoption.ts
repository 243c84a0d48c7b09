/**
 * Which roots of a trace view's tree go under another span, beyond parent ids:
 *
 * - a page-view span (INTERNAL, `page_view /…`) is the root of its page view's requests. In
 *   network mode they are its children by id already; requests of the same page view that carry
 *   their own context (page mode, the page's SDK, none) are adopted under it, so the page view
 *   reads as one tree;
 * - a CORS preflight goes under the request it preceded (preflight.ts), which it never is by id:
 *   a preflight carries no trace context.
 *
 * Only roots are adopted (buildSpanTree), so no span's own parent is ever overridden.
 */
import { PAGE_VIEW_SPAN_PREFIX } from '../../../core/span/page-view-span';
import { SPAN_KIND_INTERNAL, type RecordedSpan } from '../../../core/span/model';
import { rowKey, toPanelRow } from './panel-row';
import { pairPreflights } from './preflight';
import { spanKey, type Adoption } from './span-tree';

export function isPageViewSpan(span: RecordedSpan): boolean {
  return span.kind === SPAN_KIND_INTERNAL && span.name.startsWith(`${PAGE_VIEW_SPAN_PREFIX} `);
}

function pageViewOf(span: RecordedSpan): string {
  const context = span.context as Partial<RecordedSpan['context']> | undefined;
  return `${String(context?.tabId)}/${String(context?.pageViewId)}`;
}

export function pageViewAdoptions(spans: readonly RecordedSpan[]): Map<string, Adoption> {
  const views = new Map<string, string>();
  for (const span of spans) {
    if (isPageViewSpan(span) && !views.has(pageViewOf(span))) {
      views.set(pageViewOf(span), spanKey(span));
    }
  }
  const out = new Map<string, Adoption>();
  if (views.size === 0) return out;
  for (const span of spans) {
    const parentKey = views.get(pageViewOf(span));
    const key = spanKey(span);
    if (parentKey !== undefined && parentKey !== key && !isPageViewSpan(span)) {
      out.set(key, { parentKey, reason: 'page-view' });
    }
  }
  return out;
}

export function preflightAdoptions(spans: readonly RecordedSpan[]): Map<string, Adoption> {
  const out = new Map<string, Adoption>();
  for (const [preflight, request] of pairPreflights(spans.map(toPanelRow))) {
    out.set(preflight, { parentKey: rowKey(request), reason: 'preflight' });
  }
  return out;
}

/** Both kinds; a preflight goes under its request even when both share a page view. */
export function treeAdoptions(spans: readonly RecordedSpan[]): Map<string, Adoption> {
  const out = pageViewAdoptions(spans);
  for (const [key, adoption] of preflightAdoptions(spans)) out.set(key, adoption);
  return out;
}
