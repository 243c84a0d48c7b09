import type { DraftReview, Notice } from '../model';
import { NoticeAlert } from './NoticeAlert';

interface SaveBarProps {
  readonly review: DraftReview;
  readonly status: string;
  readonly notice: Notice | null;
  readonly busy: boolean;
  readonly onSave: () => void;
  readonly onRevert: () => void;
}

/** What is pending, why Save is off, the background's errors, and the Save/Revert buttons. */
export function SaveBar({ review, status, notice, busy, onSave, onRevert }: SaveBarProps) {
  const blocked = review.issues.length > 0;
  return (
    <footer class="save-bar">
      <NoticeAlert notice={notice} />
      {blocked && (
        <div id="save-reason" class="save-reason">
          <p>{review.save.enabled ? '' : review.save.reason}</p>
          <ul>
            {review.issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="save-row">
        <p role="status" class={review.dirty ? 'status dirty' : 'status'}>
          {status}
        </p>
        <button type="button" disabled={busy || !review.dirty} onClick={onRevert}>
          Revert
        </button>
        <button
          type="button"
          class="primary"
          disabled={busy || !review.save.enabled}
          aria-describedby={blocked ? 'save-reason' : undefined}
          aria-keyshortcuts="Control+S Meta+S"
          title={review.save.enabled ? 'Save (Ctrl+S)' : undefined}
          onClick={onSave}
        >
          Save
        </button>
      </div>
    </footer>
  );
}
