/**
 * Polls until `probe` yields a value that is neither undefined nor null, instead of sleeping.
 * Fails with the last error (or a timeout message) when the condition never holds.
 */
export async function poll<T>(
  probe: () => Promise<T | undefined | null> | T | undefined | null,
  { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
