interface FieldErrorProps {
  readonly id: string;
  readonly message: string | null;
}

/** An inline validation message; the field points at it with aria-describedby. */
export function FieldError({ id, message }: FieldErrorProps) {
  if (message === null) return null;
  return (
    <p id={id} class="field-error">
      {message}
    </p>
  );
}
