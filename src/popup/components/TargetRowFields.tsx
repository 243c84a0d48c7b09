import type { TargetMode } from '../../core/config/schema';
import type { TargetReview, TargetRow } from '../model';
import { CorsWarning } from './CorsWarning';
import { FieldError } from './FieldError';

interface TargetRowFieldsProps {
  readonly row: TargetRow;
  /** 1-based, as in the accessible names. */
  readonly number: number;
  readonly review: TargetReview | undefined;
  readonly corsHeaders: readonly string[];
  readonly onChange: (patch: { match?: string; mode?: TargetMode }) => void;
  readonly onRemove: () => void;
  /** Enter in the origin field: on to the next row, or a new one after the last. */
  readonly onEnter: () => void;
}

export const targetOriginId = (id: number) => `target-origin-${String(id)}`;

function isMode(value: string): value is TargetMode {
  return value === 'page' || value === 'network';
}

export function TargetRowFields({
  row,
  number,
  review,
  corsHeaders,
  onChange,
  onRemove,
  onEnter,
}: TargetRowFieldsProps) {
  const error = review?.error ?? null;
  const warn = review?.corsWarning ?? false;
  const errorId = `target-error-${String(row.id)}`;
  const warningId = `target-warning-${String(row.id)}`;
  return (
    <li class="row">
      <div class="row-fields">
        <input
          id={targetOriginId(row.id)}
          type="text"
          class="origin-input"
          value={row.match}
          placeholder="https://api.example.com"
          aria-label={`Target origin ${String(number)}`}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : errorId}
          spellcheck={false}
          autocomplete="off"
          onInput={(event) => {
            onChange({ match: event.currentTarget.value });
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onEnter();
            }
          }}
        />
        <select
          value={row.mode}
          aria-label={`Target mode ${String(number)}`}
          aria-describedby={warn ? warningId : undefined}
          onChange={(event) => {
            const { value } = event.currentTarget;
            if (isMode(value)) onChange({ mode: value });
          }}
        >
          <option value="network">network</option>
          <option value="page">page</option>
        </select>
        <button
          type="button"
          class="icon"
          aria-label={`Remove target ${String(number)}`}
          title="Remove"
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <FieldError id={errorId} message={error} />
      {warn && <CorsWarning id={warningId} headers={corsHeaders} />}
    </li>
  );
}
