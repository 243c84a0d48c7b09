import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Config } from '../core/config/schema';
import { send } from '../platform/messaging';
import { errorText, lookUpTab } from './current-tab';
import {
  beginWrite,
  editDraft,
  failWrite,
  finishWrite,
  pageOrigin,
  revert,
  reviewDraft,
  shownConfig,
  siteView,
  startSession,
  withGlobal,
  withSite,
  type Draft,
  type DraftReview,
  type Session,
  type SiteView,
  type TabLookup,
  type WriteKind,
} from './model';

export type Load =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'ready'; readonly session: Session };

export interface PopupActions {
  readonly edit: (change: (draft: Draft) => Draft) => void;
  readonly save: () => void;
  readonly revert: () => void;
  readonly setGlobal: (on: boolean) => void;
  readonly setSite: (on: boolean) => void;
  readonly retry: () => void;
}

export interface PopupState {
  readonly load: Load;
  readonly review: DraftReview | null;
  readonly site: SiteView;
  readonly actions: PopupActions;
}

/** The popup's state and the messages it sends; all decisions are in ./model. */
export function usePopup(): PopupState {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [tab, setTab] = useState<TabLookup>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setLoad({ kind: 'loading' });
    send('config/get', null).then(
      (state) => {
        setLoad({ kind: 'ready', session: startSession(state) });
      },
      (error: unknown) => {
        setLoad({ kind: 'failed', error: errorText(error) });
      },
    );
    void lookUpTab(location.search).then(setTab);
  }, [attempt]);

  const session = load.kind === 'ready' ? load.session : null;
  const origin = pageOrigin(tab);
  const review = useMemo(
    () => (session === null ? null : reviewDraft(session.draft, session.saved, origin)),
    [session, origin],
  );
  const site =
    session === null ? ({ kind: 'loading' } as const) : siteView(shownConfig(session), tab);

  const update = useCallback((change: (session: Session) => Session) => {
    setLoad((current) =>
      current.kind === 'ready' ? { kind: 'ready', session: change(current.session) } : current,
    );
  }, []);

  const write = useCallback(
    async (kind: WriteKind, config: Config, savedText: string) => {
      update((s) => beginWrite(s, kind, config));
      try {
        const result = await send('config/set', config);
        update((s) => finishWrite(s, kind, result, savedText));
      } catch (error) {
        update((s) => failWrite(s, kind, errorText(error)));
      }
    },
    [update],
  );

  const idle = session !== null && session.writing === null;
  const actions: PopupActions = {
    edit: (change) => {
      update((s) => editDraft(s, change));
    },
    save: () => {
      if (idle && review?.save.enabled) void write('save', review.save.config, 'Saved.');
    },
    revert: () => {
      update(revert);
    },
    setGlobal: (on) => {
      if (!idle) return;
      const text = on ? 'Trace Capture is on.' : 'Trace Capture is off: no headers are sent.';
      void write('switch', withGlobal(session.saved, on), text);
    },
    setSite: (on) => {
      if (!idle || site.kind !== 'site') return;
      const text = `Headers ${on ? 'on' : 'off'} for ${site.origin}.`;
      void write('switch', withSite(session.saved, site.origin, on), text);
    },
    retry: () => {
      setAttempt((n) => n + 1);
    },
  };

  useSaveShortcut(actions.save);
  return { load, review, site, actions };
}

/** Ctrl+S / Cmd+S saves, as in an editor, instead of the browser's "Save page as". */
function useSaveShortcut(save: () => void): void {
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        latest.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);
}
