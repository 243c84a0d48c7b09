/** What a row's context was and whether a backend has it, as the small icons of the list. */

const CONTEXT: Readonly<Record<string, [icon: string, label: string]>> = {
  extension: ['◆', 'context injected for this request'],
  'page-view': ['◇', "the tab's page-view context (network mode)"],
  page: ['▲', "the page's own tracing context"],
  none: ['·', 'no trace context'],
};

export function contextLabel(source: string): string {
  return (CONTEXT[source] ?? CONTEXT['none'] ?? ['', ''])[1];
}

export function StateIcon({ source, exported }: { source: string; exported: number }) {
  const [icon, label] = CONTEXT[source] ?? ['·', 'no trace context'];
  const exportLabel = exported === 1 ? 'exported' : 'not exported';
  return (
    <span class="state" title={`${label}; ${exportLabel}`}>
      <span class={`ctx ctx-${source === '' ? 'none' : source}`} aria-label={label} role="img">
        {icon}
      </span>
      <span class={exported === 1 ? 'exp on' : 'exp'} aria-label={exportLabel} role="img">
        {exported === 1 ? '⇪' : ''}
      </span>
    </span>
  );
}
