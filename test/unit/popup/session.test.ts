import { describe, expect, test } from 'vitest';
import {
  beginWrite,
  draftFromConfig,
  draftToConfig,
  editDraft,
  failWrite,
  finishWrite,
  isDirty,
  revert,
  setPropagator,
  shownConfig,
  startSession,
  statusText,
  updateTargetRow,
  withGlobal,
  type Session,
} from '../../../src/popup/model';
import { sampleConfig } from './fixtures';

const saved = sampleConfig();
const start = startSession({ config: saved, problems: ['stored settings unreadable'] });
const edited = editDraft(start, (d) => setPropagator(d, 'jaeger', true));

test('a session starts clean, with the background’s problems', () => {
  expect(start.draft).toEqual(draftFromConfig(saved));
  expect(start.problems).toEqual(['stored settings unreadable']);
  expect(start.writing).toBeNull();
  expect(start.notice).toBeNull();
});

describe('Save', () => {
  test('accepted: the stored config replaces saved and draft, problems are refreshed', () => {
    const stored = { ...saved, propagators: { ...saved.propagators, jaeger: true } };
    const writing = beginWrite(edited, 'save', saved);
    expect(writing.writing).toEqual({ kind: 'save', config: saved, draft: edited.draft });
    const done = finishWrite(
      writing,
      'save',
      { ok: true, state: { config: stored, problems: [] } },
      'Saved.',
    );
    expect(done.saved).toBe(stored);
    expect(done.problems).toEqual([]);
    expect(isDirty(done.draft, done.saved)).toBe(false);
    expect(done.writing).toBeNull();
    expect(done.notice).toEqual({ kind: 'saved', text: 'Saved.' });
  });

  test('accepted as sent: the draft keeps its rows, so focus stays where it was', () => {
    const stored = draftToConfig(edited.draft, saved);
    const done = finishWrite(
      beginWrite(edited, 'save', stored),
      'save',
      { ok: true, state: { config: stored, problems: [] } },
      'Saved.',
    );
    expect(done.draft).toBe(edited.draft);
  });

  test('normalised by the parser: the draft shows the stored form', () => {
    const typed = editDraft(start, (d) =>
      updateTargetRow(d, d.targets[0]?.id ?? -1, { match: 'HTTPS://API.example.com:443' }),
    );
    const stored = draftToConfig(start.draft, saved);
    const done = finishWrite(
      beginWrite(typed, 'save', draftToConfig(typed.draft, saved)),
      'save',
      { ok: true, state: { config: stored, problems: [] } },
      'Saved.',
    );
    expect(done.draft.targets[0]?.match).toBe('https://api.example.com');
    expect(isDirty(done.draft, done.saved)).toBe(false);
  });

  test('edits made while saving are kept', () => {
    const writing = beginWrite(edited, 'save', draftToConfig(edited.draft, saved));
    const typing = editDraft(writing, (d) => setPropagator(d, 'debug', true));
    const done = finishWrite(
      typing,
      'save',
      { ok: true, state: { config: writing.writing?.config ?? saved, problems: [] } },
      'Saved.',
    );
    expect(done.draft).toBe(typing.draft);
    expect(isDirty(done.draft, done.saved)).toBe(true);
  });

  test('refused: nothing changes but the alert, and the edits stay', () => {
    const done = finishWrite(
      beginWrite(edited, 'save', saved),
      'save',
      { ok: false, errors: ['targets[0].match: bad', 'sampling.ratio: bad'] },
      'Saved.',
    );
    expect(done.saved).toBe(edited.saved);
    expect(done.draft).toBe(edited.draft);
    expect(done.writing).toBeNull();
    expect(done.notice).toEqual({
      kind: 'error',
      title: 'Not saved',
      messages: ['targets[0].match: bad', 'sampling.ratio: bad'],
    });
  });

  test('undelivered: the error is shown the same way', () => {
    const done = failWrite(beginWrite(edited, 'save', saved), 'save', 'no answer to config/set');
    expect(done.notice).toEqual({
      kind: 'error',
      title: 'Not saved',
      messages: ['no answer to config/set'],
    });
    expect(done.draft).toBe(edited.draft);
  });
});

describe('switches', () => {
  test('an accepted switch keeps the pending draft', () => {
    const stored = withGlobal(saved, false);
    const done = finishWrite(
      beginWrite(edited, 'switch', withGlobal(saved, false)),
      'switch',
      { ok: true, state: { config: stored, problems: [] } },
      'Trace Capture is off.',
    );
    expect(done.saved.enabled).toBe(false);
    expect(done.draft).toBe(edited.draft);
    expect(isDirty(done.draft, done.saved)).toBe(true);
  });

  test('while a switch is being written, the switches show the requested state', () => {
    const writing = beginWrite(edited, 'switch', withGlobal(saved, false));
    expect(shownConfig(writing).enabled).toBe(false);
    expect(writing.saved.enabled).toBe(true);
    expect(shownConfig(beginWrite(edited, 'save', withGlobal(saved, false))).enabled).toBe(true);
  });

  test('a refused switch says so and changes nothing', () => {
    const done = finishWrite(
      beginWrite(start, 'switch', withGlobal(saved, false)),
      'switch',
      { ok: false, errors: ['no'] },
      '',
    );
    expect(done.saved).toBe(start.saved);
    expect(done.notice).toMatchObject({ kind: 'error', title: 'Switch not changed' });
    expect(shownConfig(done).enabled).toBe(true);
  });
});

test('revert drops the edits and any notice', () => {
  const failed = failWrite(edited, 'save', 'x');
  const back = revert(failed);
  expect(isDirty(back.draft, back.saved)).toBe(false);
  expect(back.notice).toBeNull();
});

test('an edit clears a “saved” confirmation but keeps an error', () => {
  const savedNotice: Session = { ...start, notice: { kind: 'saved', text: 'Saved.' } };
  expect(editDraft(savedNotice, (d) => d).notice).toBeNull();
  const failed = failWrite(start, 'save', 'x');
  expect(editDraft(failed, (d) => d).notice).toBe(failed.notice);
});

describe('statusText', () => {
  test.each([
    ['clean', start, false, 'No unsaved changes.'],
    ['dirty', edited, true, 'Unsaved changes.'],
    ['saving', beginWrite(edited, 'save', saved), true, 'Saving…'],
    [
      'applying a switch',
      beginWrite(edited, 'switch', withGlobal(saved, false)),
      true,
      'Applying…',
    ],
    ['just saved', { ...start, notice: { kind: 'saved', text: 'Saved.' } }, false, 'Saved.'],
    [
      'switch applied with edits pending',
      { ...edited, notice: { kind: 'saved', text: 'Trace Capture is on.' } },
      true,
      'Trace Capture is on. Unsaved changes below.',
    ],
  ] as const)('%s', (_, session, dirty, text) => {
    expect(statusText(session, dirty)).toBe(text);
  });
});
