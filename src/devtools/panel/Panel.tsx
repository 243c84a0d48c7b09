export function Panel() {
  return (
    <main class="panel">
      <header class="toolbar">
        <h1>Traces</h1>
      </header>
      <section class="empty" role="status">
        <p>No spans recorded yet.</p>
        <p>Requests made by the inspected page will appear here as OpenTelemetry client spans.</p>
      </section>
    </main>
  );
}
