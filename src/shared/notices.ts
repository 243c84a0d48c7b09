/**
 * Live notices from whoever writes the span store (the recorder in a devtools page, later the
 * exporter and import) to every open panel, over a BroadcastChannel: extension pages of one
 * origin share it, and nothing outside the extension can post to it. A notice says what changed,
 * rows included, so a panel appends them without reading the store again.
 */
import type { CompactRow } from '../core/span/compact-row';

export const NOTICE_CHANNEL = 'trace-capture:notices';

export type Notice =
  | {
      readonly type: 'spans-stored';
      /** The tab whose recorder wrote them. */
      readonly tabId: number;
      /** Spans with a new key. */
      readonly added: number;
      /** Spans that replaced a stored one with their key (a widened page-view span). */
      readonly replaced: number;
      /** Every span written, as its row; a row whose key the panel holds replaces that row. */
      readonly rows: readonly CompactRow[];
    }
  // Store-wide changes, whichever context made them.
  | {
      readonly type: 'spans-removed';
      readonly count: number;
      readonly reason: 'retention' | 'clear';
    }
  | { readonly type: 'spans-exported'; readonly count: number }
  | {
      readonly type: 'store-error';
      readonly tabId: number;
      readonly message: string;
      readonly pending: number;
    }
  | { readonly type: 'store-recovered'; readonly tabId: number };
