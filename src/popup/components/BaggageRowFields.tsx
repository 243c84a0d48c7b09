import type { BaggageRow } from '../model';
import { FieldError } from './FieldError';

interface BaggageRowFieldsProps {
  readonly row: BaggageRow;
  /** 1-based, as in the accessible names. */
  readonly number: number;
  readonly error: string | null;
  readonly onChange: (patch: { key?: string; value?: string }) => void;
  readonly onRemove: () => void;
  /** Enter in a field: on to the next row, or a new one after the last. */
  readonly onEnter: () => void;
}

export const baggageKeyId = (id: number) => `baggage-key-${String(id)}`;

export function BaggageRowFields({
  row,
  number,
  error,
  onChange,
  onRemove,
  onEnter,
}: BaggageRowFieldsProps) {
  const errorId = `baggage-error-${String(row.id)}`;
  const described = error === null ? undefined : errorId;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onEnter();
    }
  };
  return (
    <li class="row">
      <div class="row-fields">
        <input
          id={baggageKeyId(row.id)}
          type="text"
          class="key"
          value={row.key}
          placeholder="key"
          aria-label={`Baggage key ${String(number)}`}
          aria-invalid={error !== null}
          aria-describedby={described}
          spellcheck={false}
          autocomplete="off"
          onInput={(event) => {
            onChange({ key: event.currentTarget.value });
          }}
          onKeyDown={onKeyDown}
        />
        <input
          type="text"
          value={row.value}
          placeholder="value"
          aria-label={`Baggage value ${String(number)}`}
          aria-invalid={error !== null}
          aria-describedby={described}
          spellcheck={false}
          autocomplete="off"
          onInput={(event) => {
            onChange({ value: event.currentTarget.value });
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          class="icon"
          aria-label={`Remove baggage entry ${String(number)}`}
          title="Remove"
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <FieldError id={errorId} message={error} />
    </li>
  );
}
