import type { SiteView } from '../model';
import { Switch } from './Switch';

interface SiteSectionProps {
  readonly site: SiteView;
  readonly globalOn: boolean;
  readonly busy: boolean;
  readonly onChange: (on: boolean) => void;
}

function siteHint(site: Extract<SiteView, { kind: 'site' }>, globalOn: boolean): string {
  if (!site.enabled) return 'Requests from this page are sent unchanged.';
  if (site.problem !== null) return 'Injection is stopped on this tab: no trace headers are sent.';
  const via = site.matchedBy.some((pattern) => pattern !== site.origin)
    ? ` Enabled by ${site.matchedBy.join(', ')}.`
    : '';
  const state = globalOn
    ? 'Requests from this page get trace headers.'
    : 'Trace Capture is off, so no headers are sent.';
  return state + via;
}

/** The current tab's origin and its switch, which is written at once. */
export function SiteSection({ site, globalOn, busy, onChange }: SiteSectionProps) {
  return (
    <section class="site" aria-labelledby="site-title">
      <h2 id="site-title">This site</h2>
      {site.kind === 'loading' && <p class="muted">Reading the current tab…</p>}
      {site.kind === 'untraceable' && <p class="muted">{site.reason}</p>}
      {site.kind === 'site' && (
        <>
          <p class="origin" title={site.origin}>
            {site.origin}
          </p>
          <Switch
            checked={site.enabled}
            disabled={busy}
            onChange={onChange}
            describedBy="site-hint"
          >
            Inject trace headers on this site
          </Switch>
          <p id="site-hint" class="hint">
            {siteHint(site, globalOn)}
          </p>
          {site.problem !== null && (
            <p class="alert" role="alert">
              {site.problem}
            </p>
          )}
        </>
      )}
    </section>
  );
}
