import { useFocusAfterRender } from '../use-focus-after';
import {
  addTargetRow,
  removeTargetRow,
  updateTargetRow,
  type Draft,
  type TargetReview,
  type TargetRow,
} from '../model';
import { TargetRowFields, targetOriginId } from './TargetRowFields';

interface TargetsEditorProps {
  readonly rows: readonly TargetRow[];
  readonly nextId: number;
  readonly reviews: readonly TargetReview[];
  readonly corsHeaders: readonly string[];
  readonly edit: (change: (draft: Draft) => Draft) => void;
}

const ADD_ID = 'target-add';

/** Other origins that may receive headers, each with how they get them. */
export function TargetsEditor({ rows, nextId, reviews, corsHeaders, edit }: TargetsEditorProps) {
  const focusLater = useFocusAfterRender();
  const add = () => {
    focusLater(targetOriginId(nextId));
    edit((d) => addTargetRow(d));
  };
  return (
    <section aria-labelledby="targets-title">
      <h2 id="targets-title">Targets</h2>
      <p class="hint">
        Other origins this site’s requests may carry headers to. Same-origin requests always do; any
        other origin never does.
      </p>
      <ul class="rows">
        {rows.map((row, index) => (
          <TargetRowFields
            key={row.id}
            row={row}
            number={index + 1}
            review={reviews[index]}
            corsHeaders={corsHeaders}
            onChange={(patch) => {
              edit((d) => updateTargetRow(d, row.id, patch));
            }}
            onRemove={() => {
              focusLater(ADD_ID);
              edit((d) => removeTargetRow(d, row.id));
            }}
            onEnter={() => {
              const next = rows[index + 1];
              if (next === undefined) add();
              else document.getElementById(targetOriginId(next.id))?.focus();
            }}
          />
        ))}
      </ul>
      <button id={ADD_ID} type="button" class="add" onClick={add}>
        Add target
      </button>
    </section>
  );
}
