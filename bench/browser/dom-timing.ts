/** Timing helpers for the self-timing panel pages (panel-bench.tsx, panel-load-bench.tsx). */

/** Resolves with performance.now() once `test()` holds, checking after every DOM change. */
export function when(test: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    if (test()) {
      resolve(performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
  });
}

/** Resolves after the next frame has been painted. */
export function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/** Types `text` into the filter box as a user's keystroke would; resolves with ms to the paint. */
export async function keystroke(input: HTMLInputElement, text: string): Promise<number> {
  const started = performance.now();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await painted();
  return performance.now() - started;
}

/**
 * Types `text` as a key pressed at `dueAt` (performance.now() time), waiting for that moment if it
 * is still ahead; resolves with ms from `dueAt` to the next paint. A key due while the main
 * thread is busy counts its wait too, as a real key's input event waits behind a long task.
 */
export async function keystrokeDue(
  input: HTMLInputElement,
  text: string,
  dueAt: number,
): Promise<number> {
  const ahead = dueAt - performance.now();
  if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await painted();
  return performance.now() - dueAt;
}
