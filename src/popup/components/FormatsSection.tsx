import type { Propagators } from '../../core/config/schema';
import type { B3Mode } from '../../core/propagation';
import { Checkbox } from './Checkbox';
import { FieldError } from './FieldError';

interface FormatsSectionProps {
  readonly propagators: Propagators;
  readonly tracestateError: string | null;
  readonly onChange: <K extends keyof Propagators>(name: K, value: Propagators[K]) => void;
}

const B3_MODES: readonly { value: B3Mode; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'single', label: 'Single header (b3)' },
  { value: 'multi', label: 'Multiple headers (X-B3-*)' },
];

function isB3Mode(value: string): value is B3Mode {
  return B3_MODES.some((mode) => mode.value === value);
}

/** Which propagation headers are written. */
export function FormatsSection({ propagators, tracestateError, onChange }: FormatsSectionProps) {
  return (
    <section aria-labelledby="formats-title">
      <h2 id="formats-title">Headers</h2>
      <div class="checks">
        <Checkbox
          checked={propagators.traceparent}
          onChange={(on) => {
            onChange('traceparent', on);
          }}
          hint="W3C Trace Context"
        >
          traceparent
        </Checkbox>
        <Checkbox
          checked={propagators.baggage}
          onChange={(on) => {
            onChange('baggage', on);
          }}
          hint="W3C Baggage: the entries below"
        >
          baggage
        </Checkbox>
        <Checkbox
          checked={propagators.jaeger}
          onChange={(on) => {
            onChange('jaeger', on);
          }}
        >
          Jaeger (uber-trace-id)
        </Checkbox>
        <Checkbox
          checked={propagators.debug}
          onChange={(on) => {
            onChange('debug', on);
          }}
          hint="Sets the B3 and Jaeger debug flag and forces sampling"
        >
          Debug flag
        </Checkbox>
      </div>
      <div class="field inline">
        <label for="b3-mode">B3</label>
        <select
          id="b3-mode"
          value={propagators.b3}
          onChange={(event) => {
            const { value } = event.currentTarget;
            if (isB3Mode(value)) onChange('b3', value);
          }}
        >
          {B3_MODES.map((mode) => (
            <option key={mode.value} value={mode.value}>
              {mode.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="tracestate-entry">tracestate entry</label>
        <input
          id="tracestate-entry"
          type="text"
          value={propagators.tracestate}
          placeholder="vendor=value (optional)"
          spellcheck={false}
          autocomplete="off"
          aria-invalid={tracestateError !== null}
          aria-describedby={tracestateError === null ? 'tracestate-hint' : 'tracestate-error'}
          onInput={(event) => {
            onChange('tracestate', event.currentTarget.value);
          }}
        />
        <FieldError id="tracestate-error" message={tracestateError} />
        {tracestateError === null && (
          <p id="tracestate-hint" class="hint">
            Added leftmost to tracestate, sent with traceparent.
          </p>
        )}
      </div>
    </section>
  );
}
