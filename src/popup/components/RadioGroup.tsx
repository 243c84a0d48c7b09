import type { ComponentChildren } from 'preact';

export interface RadioOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

interface RadioGroupProps<T extends string> {
  /** Accessible name of the group; also its visible legend. */
  readonly label: string;
  readonly name: string;
  readonly options: readonly RadioOption<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly children?: ComponentChildren;
}

/** Native radios (arrow keys move between them) in a group named by its legend. */
export function RadioGroup<T extends string>({
  label,
  name,
  options,
  value,
  onChange,
  children,
}: RadioGroupProps<T>) {
  const legendId = `${name}-legend`;
  return (
    <fieldset class="radios" role="radiogroup" aria-labelledby={legendId}>
      <legend id={legendId}>{label}</legend>
      <div class="radio-row">
        {options.map((option) => (
          <label key={option.value} class="radio">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => {
                onChange(option.value);
              }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}
