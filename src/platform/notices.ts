import { NOTICE_CHANNEL, type Notice } from '../shared/notices';

/** Posts recorder notices to every open panel. */
export function noticeSender(): (notice: Notice) => void {
  const channel = new BroadcastChannel(NOTICE_CHANNEL);
  return (notice) => {
    channel.postMessage(notice);
  };
}

/** Receives recorder notices until `signal` aborts. */
export function onNotice(listener: (notice: Notice) => void, signal: AbortSignal): void {
  const channel = new BroadcastChannel(NOTICE_CHANNEL);
  channel.onmessage = (event: MessageEvent<Notice>) => {
    listener(event.data);
  };
  signal.addEventListener('abort', () => {
    channel.close();
  });
}
