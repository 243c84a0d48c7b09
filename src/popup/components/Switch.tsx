import type { ComponentChildren } from 'preact';

interface SwitchProps {
  /** Visible label; becomes the accessible name unless `ariaLabel` is given. */
  readonly children: ComponentChildren;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
  readonly describedBy?: string;
}

/** A native checkbox with the switch role: it acts at once, unlike the checkboxes below it. */
export function Switch({
  children,
  checked,
  onChange,
  disabled = false,
  describedBy,
}: SwitchProps) {
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => {
          onChange(event.currentTarget.checked);
        }}
      />
      <span class="switch-track" aria-hidden="true" />
      <span class="switch-label">{children}</span>
    </label>
  );
}
