/**
 * Live notices from the recorder (devtools page) to the panel, over a BroadcastChannel:
 * extension pages of one origin share it, and nothing outside the extension can post to it.
 */
export const NOTICE_CHANNEL = 'trace-capture:notices';

export type Notice =
  | { readonly type: 'spans-stored'; readonly tabId: number; readonly count: number }
  | {
      readonly type: 'store-error';
      readonly tabId: number;
      readonly message: string;
      readonly pending: number;
    }
  | { readonly type: 'store-recovered'; readonly tabId: number };
