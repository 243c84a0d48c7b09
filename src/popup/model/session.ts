/**
 * What the popup holds between messages: the settings in force, the draft on top of them, and
 * the outcome of the last write. Writes go through the background, which may refuse them; a
 * refusal leaves both the stored settings and the draft as they were.
 */
import type { Config } from '../../core/config/schema';
import type { ConfigState, ConfigWriteResult } from '../../shared/messages';
import { draftFromConfig, isDirty, type Draft } from './draft';

/** Which write is in flight: Save (the draft) or one of the switches (written at once). */
export type WriteKind = 'save' | 'switch';

export type Notice =
  | { readonly kind: 'saved'; readonly text: string }
  | { readonly kind: 'error'; readonly title: string; readonly messages: readonly string[] };

/** A write in flight: the config sent, and the draft as it was then. */
export interface Writing {
  readonly kind: WriteKind;
  readonly config: Config;
  readonly draft: Draft;
}

export interface Session {
  readonly saved: Config;
  /** From the background: why stored settings are not in force (defaults in use, …). */
  readonly problems: readonly string[];
  readonly draft: Draft;
  readonly writing: Writing | null;
  readonly notice: Notice | null;
}

export function startSession(state: ConfigState): Session {
  return {
    saved: state.config,
    problems: state.problems,
    draft: draftFromConfig(state.config),
    writing: null,
    notice: null,
  };
}

export function beginWrite(session: Session, kind: WriteKind, config: Config): Session {
  return { ...session, writing: { kind, config, draft: session.draft }, notice: null };
}

/**
 * The config the switches show: while a switch write is in flight, the one requested, so a
 * switch does not flick back until the background answers (and does if it refuses).
 */
export function shownConfig(session: Session): Config {
  return session.writing?.kind === 'switch' ? session.writing.config : session.saved;
}

/**
 * The draft after a successful Save of `stored`. Edits made while the write was in flight are
 * kept. Otherwise the draft becomes what was stored (the parser may have normalised it, e.g.
 * `HTTPS://A.example:443` to `https://a.example`), keeping the rows themselves when nothing
 * changed, so a field being typed in keeps its focus.
 */
function draftAfterSave(session: Session, stored: Config): Draft {
  if (session.writing !== null && session.draft !== session.writing.draft) return session.draft;
  return isDirty(session.draft, stored) ? draftFromConfig(stored) : session.draft;
}

/**
 * The session after the background answered a write. Save makes the draft what was stored; a
 * switch keeps the pending draft, which never holds the switches' fields.
 */
export function finishWrite(
  session: Session,
  kind: WriteKind,
  result: ConfigWriteResult,
  savedText: string,
): Session {
  if (!result.ok) {
    const title = kind === 'save' ? 'Not saved' : 'Switch not changed';
    return { ...session, writing: null, notice: { kind: 'error', title, messages: result.errors } };
  }
  const { config, problems } = result.state;
  return {
    saved: config,
    problems,
    draft: kind === 'save' ? draftAfterSave(session, config) : session.draft,
    writing: null,
    notice: { kind: 'saved', text: savedText },
  };
}

/** The session after a write could not be delivered (no background, protocol error, …). */
export function failWrite(session: Session, kind: WriteKind, error: string): Session {
  return finishWrite(session, kind, { ok: false, errors: [error] }, '');
}

/** Drops the pending edits. */
export function revert(session: Session): Session {
  return { ...session, draft: draftFromConfig(session.saved), notice: null };
}

/** Applies one edit to the draft. A "saved" confirmation goes stale with it; an error stays. */
export function editDraft(session: Session, edit: (draft: Draft) => Draft): Session {
  const notice = session.notice?.kind === 'saved' ? null : session.notice;
  return { ...session, draft: edit(session.draft), notice };
}

/** The one-line status by the Save button: what is saved and what is pending. */
export function statusText(session: Session, dirty: boolean): string {
  if (session.writing?.kind === 'save') return 'Saving…';
  if (session.writing?.kind === 'switch') return 'Applying…';
  if (session.notice?.kind === 'saved') {
    return session.notice.text + (dirty ? ' Unsaved changes below.' : '');
  }
  return dirty ? 'Unsaved changes.' : 'No unsaved changes.';
}
