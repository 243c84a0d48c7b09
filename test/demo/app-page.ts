/** The demo web app: one page that calls the API on another origin. */
export function appPage(apiOrigin: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Trace Capture demo shop</title>
<style>body{font:15px system-ui,sans-serif;margin:40px;max-width:640px}button{font:inherit;padding:6px 14px}pre{background:#f3f4f6;padding:12px;white-space:pre-wrap}</style>
</head>
<body>
<h1>Demo shop</h1>
<p>This page calls the API at <code>${apiOrigin}</code>, a different origin. Open DevTools, pick the <b>Traces</b> panel, and press the button.</p>
<button id="load">Load user 42</button>
<pre id="result" aria-live="polite">Nothing loaded yet.</pre>
<script>
document.getElementById('load').addEventListener('click', async () => {
  const out = document.getElementById('result');
  out.textContent = 'Loading…';
  try {
    const res = await fetch(${JSON.stringify(apiOrigin)} + '/api/users/42');
    out.textContent = 'HTTP ' + res.status + '\\n' + JSON.stringify(await res.json(), null, 2);
  } catch (error) {
    out.textContent = 'Request failed: ' + error;
  }
});
</script>
</body>
</html>`;
}
