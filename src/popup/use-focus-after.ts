import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves focus to an element id after the next render, for editors whose rows come and go: a
 * new row's first field after "Add", the add button after "Remove".
 */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const id = pending.current;
    if (id === null) return;
    pending.current = null;
    document.getElementById(id)?.focus();
  });
  return (id) => {
    pending.current = id;
  };
}
