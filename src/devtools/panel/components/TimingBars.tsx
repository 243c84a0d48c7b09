import type { TimingBreakdown } from '../model/timing-breakdown';
import { formatDuration } from '../format';

/** The Network panel's Timing tab: one bar per phase over the request's whole duration. */
export function TimingBars({ timing }: { timing: TimingBreakdown }) {
  if (timing.phases.length === 0) {
    return <p class="muted">No timing was recorded for this span.</p>;
  }
  const total = Math.max(timing.total, 0.001);
  let section = '';
  return (
    <table class="timing" aria-label="Timing">
      <tbody>
        {timing.phases.flatMap((phase) => {
          const rows = [];
          if (phase.section !== section) {
            section = phase.section;
            rows.push(
              <tr key={`s:${section}`} class="timing-section">
                <th colSpan={3} scope="colgroup">
                  {section}
                </th>
              </tr>,
            );
          }
          rows.push(
            <tr key={phase.id}>
              <th scope="row">
                {phase.label}
                {phase.includes ? (
                  <span class="muted"> (includes {phase.includes.join(', ')})</span>
                ) : null}
              </th>
              <td class="timing-track">
                <span
                  class={`timing-bar t-${phase.id}`}
                  style={{
                    left: `${String((phase.start / total) * 100)}%`,
                    width: `${String(Math.max((phase.duration / total) * 100, 0.5))}%`,
                  }}
                />
              </td>
              <td class="num">{formatDuration(phase.duration)}</td>
            </tr>,
          );
          return rows;
        })}
        <tr class="timing-total">
          <th scope="row">Total</th>
          <td />
          <td class="num">{formatDuration(timing.total)}</td>
        </tr>
      </tbody>
    </table>
  );
}
