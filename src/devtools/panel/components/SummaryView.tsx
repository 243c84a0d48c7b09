import type { Dependency } from '../model/dependencies';
import type { RedStat } from '../model/red-stats';
import { formatCount, formatDuration } from '../format';

interface SummaryViewProps {
  readonly red: readonly RedStat[];
  readonly dependencies: readonly Dependency[];
}

const percent = (value: number) => `${value.toFixed(value < 10 && value > 0 ? 1 : 0)} %`;

/** RED per span name (Tempo's span metrics, computed here) and the page's destinations. */
export function SummaryView({ red, dependencies }: SummaryViewProps) {
  if (red.length === 0) return <p class="empty">No requests match the filter.</p>;
  return (
    <div class="summary">
      <section aria-labelledby="red-title">
        <h2 id="red-title">Requests by name</h2>
        <table class="stats">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Count</th>
              <th scope="col">Rate</th>
              <th scope="col">Errors</th>
              <th scope="col">Error %</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
            </tr>
          </thead>
          <tbody>
            {red.map((stat) => (
              <tr key={stat.name} class={stat.errors > 0 ? 'has-errors' : ''}>
                <th scope="row">{stat.name}</th>
                <td class="num">{formatCount(stat.count)}</td>
                <td class="num">{stat.rate === null ? '—' : `${stat.rate.toFixed(2)}/s`}</td>
                <td class="num">{formatCount(stat.errors)}</td>
                <td class="num">{percent(stat.errorPercent)}</td>
                <td class="num">{formatDuration(stat.p50)}</td>
                <td class="num">{formatDuration(stat.p95)}</td>
                <td class="num">{formatDuration(stat.p99)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="deps-title">
        <h2 id="deps-title">Destinations</h2>
        <table class="stats">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col">Destination</th>
              <th scope="col">Requests</th>
              <th scope="col">Error %</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {dependencies.map((d) => (
              <tr key={`${d.from}→${d.to}`} class={d.errors > 0 ? 'has-errors' : ''}>
                <td>{d.from || '—'}</td>
                <th scope="row">
                  {d.sameOrigin ? '↺ ' : '→ '}
                  {d.to}
                </th>
                <td class="num">{formatCount(d.count)}</td>
                <td class="num">{percent(d.errorPercent)}</td>
                <td class="num">{formatDuration(d.p95)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
