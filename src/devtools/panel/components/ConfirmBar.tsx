import { useEffect, useRef } from 'preact/hooks';

interface ConfirmBarProps {
  readonly question: string;
  readonly action: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** An inline confirmation (a DevTools panel cannot rely on window.confirm). */
export function ConfirmBar({ question, action, onConfirm, onCancel }: ConfirmBarProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <span>{question}</span>
      <button type="button" class="danger" onClick={onConfirm}>
        {action}
      </button>
      <button type="button" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
