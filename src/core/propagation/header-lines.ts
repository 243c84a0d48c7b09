import type { InjectResult } from './injector-types';

/** One request header line: the name as the page spelled it, and its value. */
export type HeaderLine = readonly [name: string, value: string];

/**
 * A request's header lines after an inject plan, the page's own lines kept where they were and as
 * they were spelled: a header the plan sets takes the place of the first line of that name, later
 * lines of the name go (the plan's value already combines them), a header the plan removes goes,
 * and headers new to the request are appended. `drop` (lowercase names) also go, e.g. page-set
 * uberctx headers nothing would strip from a redirect.
 */
export function applyPlan(
  lines: readonly HeaderLine[],
  plan: Pick<InjectResult, 'headers' | 'remove'> | null,
  drop: ReadonlySet<string> = new Set(),
): HeaderLine[] {
  const out: HeaderLine[] = [];
  const written = new Set<string>();
  for (const [name, value] of lines) {
    const key = name.toLowerCase();
    if (drop.has(key)) continue;
    if (plan === null) {
      out.push([name, value]);
      continue;
    }
    if (plan.remove.includes(key)) continue;
    const ours = plan.headers[key];
    if (ours === undefined) out.push([name, value]);
    else if (!written.has(key)) {
      out.push([name, ours]);
      written.add(key);
    }
  }
  if (plan !== null) {
    for (const key in plan.headers) {
      if (!written.has(key)) out.push([key, plan.headers[key] ?? '']);
    }
  }
  return out;
}
