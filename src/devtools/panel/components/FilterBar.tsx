import type { ComponentChildren, Ref } from 'preact';
import type { CompiledFilter } from '../model/filter-match';
import { formatCount } from '../format';

interface FilterBarProps {
  readonly text: string;
  readonly errorsOnly: boolean;
  readonly filter: CompiledFilter;
  readonly shown: number;
  readonly total: number;
  readonly inputRef: Ref<HTMLInputElement>;
  readonly onText: (text: string) => void;
  readonly onErrorsOnly: (on: boolean) => void;
  /** More controls on the filter row (the tab picker outside DevTools). */
  readonly children?: ComponentChildren;
}

/** The Network panel's filter: the grammar's invalid terms are named with their reason. */
export function FilterBar(props: FilterBarProps) {
  const invalid = props.filter.terms.flatMap((term) => (term.valid ? [] : [term]));
  const describedBy = invalid.length > 0 ? 'filter-problems' : undefined;
  return (
    <div class="filterbar">
      <input
        ref={props.inputRef}
        type="search"
        role="searchbox"
        class={invalid.length > 0 ? 'filter invalid' : 'filter'}
        aria-label="Filter spans"
        aria-invalid={invalid.length > 0}
        aria-describedby={describedBy}
        placeholder="Filter  (method:POST status:5xx domain:*.example.com -is:exported duration>200 /regex/)"
        spellcheck={false}
        value={props.text}
        onInput={(event) => {
          props.onText(event.currentTarget.value);
        }}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={props.errorsOnly}
          onChange={(event) => {
            props.onErrorsOnly(event.currentTarget.checked);
          }}
        />
        Errors only
      </label>
      {props.children}
      <span class="counts" role="status">
        {props.shown === props.total
          ? `${formatCount(props.total)} requests`
          : `${formatCount(props.shown)} / ${formatCount(props.total)} requests`}
      </span>
      {invalid.length > 0 && (
        <p id="filter-problems" class="filter-problems" role="alert">
          {invalid.map((term) => (
            <span key={`${String(term.start)}:${term.text}`}>
              <code class="invalid-term">{term.text}</code> {term.reason}
            </span>
          ))}{' '}
          — matches nothing until fixed.
        </p>
      )}
    </div>
  );
}
