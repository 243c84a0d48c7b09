interface CorsWarningProps {
  readonly id: string;
  readonly headers: readonly string[];
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** Why page mode towards another origin can break requests, and what network mode trades. */
export function CorsWarning({ id, headers }: CorsWarningProps) {
  const names = headers.length === 0 ? 'the trace headers' : list(headers);
  return (
    <p id={id} class="cors-warning">
      <strong>Cross-origin page mode.</strong> The server must allow {names} in{' '}
      <code>Access-Control-Allow-Headers</code>, otherwise the CORS preflight fails and the request
      breaks. Network mode needs no preflight but shares one trace context per page view.
    </p>
  );
}
