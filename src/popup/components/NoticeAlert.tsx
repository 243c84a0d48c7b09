import type { Notice } from '../model';

interface NoticeAlertProps {
  readonly notice: Notice | null;
}

/**
 * The background's refusal of a write. The region is always in the page, so assistive
 * technology announces the message when it appears.
 */
export function NoticeAlert({ notice }: NoticeAlertProps) {
  const error = notice?.kind === 'error' ? notice : null;
  return (
    <div role="alert" class={error === null ? 'alert empty' : 'alert'}>
      {error !== null && (
        <>
          <strong>{error.title}.</strong>
          {error.messages.length === 1 ? (
            ` ${error.messages[0] ?? ''}`
          ) : (
            <ul>
              {error.messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
