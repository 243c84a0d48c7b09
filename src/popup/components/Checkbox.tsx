import type { ComponentChildren } from 'preact';

interface CheckboxProps {
  readonly children: ComponentChildren;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: string;
}

/** A labelled checkbox for a draft setting (applied on Save). */
export function Checkbox({ children, checked, onChange, hint }: CheckboxProps) {
  return (
    <label class="check" title={hint}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          onChange(event.currentTarget.checked);
        }}
      />
      <span>{children}</span>
    </label>
  );
}
