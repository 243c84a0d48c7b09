/**
 * A write that was refused: IndexedDB aborted its transaction, or a span in it can never be
 * stored. Either way nothing of it was stored; unless `invalid` names spans, the caller can
 * retry the same batch unchanged.
 */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  override readonly cause: unknown;
  /** True when the browser ran out of storage quota: retrying helps only after space is freed. */
  readonly quota: boolean;
  /**
   * Positions in the batch of spans that can never be stored (no valid key, a value that cannot
   * be cloned). Empty when the failure was transient: then retrying the same batch is right.
   */
  readonly invalid: readonly number[];

  constructor(message: string, cause: unknown, invalid: readonly number[] = []) {
    super(message, { cause });
    this.cause = cause;
    this.quota = isQuotaError(cause);
    this.invalid = invalid;
  }
}

/** Thrown by every operation on a store whose connection is gone. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
}

/** The message of a refused write: what was refused, why, and what that left behind. */
export function refusal(action: string, cause: unknown, aftermath: string): StoreWriteError {
  const why = isQuotaError(cause)
    ? 'quota exceeded'
    : cause instanceof StoreClosedError
      ? 'the store is closed'
      : 'the transaction was aborted';
  return new StoreWriteError(
    `IndexedDB refused to ${action}: ${why} (${describeError(cause)}). ${aftermath}`,
    cause,
  );
}

/**
 * Chromium and Firefox report a full disk or origin quota as a DOMException named
 * QuotaExceededError, on the failed request or as the aborted transaction's `error`.
 */
export function isQuotaError(error: unknown): boolean {
  return errorName(error) === 'QuotaExceededError';
}

export function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('name' in error)) return undefined;
  return typeof error.name === 'string' ? error.name : undefined;
}

/** "QuotaExceededError: The quota has been exceeded." — name and message, without a stack. */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const name = errorName(error) ?? 'Error';
    const message =
      'message' in error && typeof error.message === 'string' && error.message !== ''
        ? `: ${error.message}`
        : '';
    return `${name}${message}`;
  }
  return String(error);
}
