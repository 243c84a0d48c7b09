import { useFocusAfterRender } from '../use-focus-after';
import {
  addBaggageRow,
  removeBaggageRow,
  updateBaggageRow,
  type BaggageReview,
  type BaggageRow,
  type Draft,
} from '../model';
import { BaggageRowFields, baggageKeyId } from './BaggageRowFields';
import { FieldError } from './FieldError';

interface BaggageEditorProps {
  readonly rows: readonly BaggageRow[];
  readonly nextId: number;
  readonly review: BaggageReview;
  readonly enabled: boolean;
  readonly edit: (change: (draft: Draft) => Draft) => void;
}

const ADD_ID = 'baggage-add';

/** Key/value rows for the baggage header, with the byte budget against the spec's limit. */
export function BaggageEditor({ rows, nextId, review, enabled, edit }: BaggageEditorProps) {
  const focusLater = useFocusAfterRender();
  const add = () => {
    focusLater(baggageKeyId(nextId));
    edit(addBaggageRow);
  };
  return (
    <section aria-labelledby="baggage-title" aria-describedby="baggage-bytes">
      <div class="section-head">
        <h2 id="baggage-title">Baggage entries</h2>
        <span id="baggage-bytes" class={review.overLimit ? 'bytes over' : 'bytes'}>
          {review.bytesText}
          {review.overLimit && ' (over the limit)'}
        </span>
      </div>
      {!enabled && rows.length > 0 && (
        <p class="hint">The baggage header is off: these entries are kept but not sent.</p>
      )}
      {rows.length === 0 && <p class="muted">No entries.</p>}
      <ul class="rows">
        {rows.map((row, index) => (
          <BaggageRowFields
            key={row.id}
            row={row}
            number={index + 1}
            error={review.rows[index]?.error ?? null}
            onChange={(patch) => {
              edit((d) => updateBaggageRow(d, row.id, patch));
            }}
            onRemove={() => {
              focusLater(ADD_ID);
              edit((d) => removeBaggageRow(d, row.id));
            }}
            onEnter={() => {
              const next = rows[index + 1];
              if (next === undefined) add();
              else document.getElementById(baggageKeyId(next.id))?.focus();
            }}
          />
        ))}
      </ul>
      <FieldError id="baggage-limit-error" message={review.error} />
      <button id={ADD_ID} type="button" class="add" onClick={add}>
        Add baggage entry
      </button>
    </section>
  );
}
