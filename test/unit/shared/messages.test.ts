import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  CONTENT_SCRIPT_MESSAGES,
  PROTOCOL_VERSION,
  readEnvelope,
} from '../../../src/shared/messages';

describe('readEnvelope: the background checks every message before a handler sees it', () => {
  test.each([
    [null, 'message is not an object'],
    ['config/set', 'message is not an object'],
    [
      { name: 'config/get', payload: null },
      'protocol version undefined is not 1; reload the extension page',
    ],
    [
      { protocol: 2, name: 'config/get', payload: null },
      'protocol version 2 is not 1; reload the extension page',
    ],
    [{ protocol: 1, name: 'config/delete', payload: null }, 'unknown message "config/delete"'],
    [{ protocol: 1, name: '__proto__', payload: null }, 'unknown message "__proto__"'],
    [{ protocol: 1, name: 'config/get', payload: { x: 1 } }, 'config/get: expected no payload'],
    [
      { protocol: 1, name: 'config/recheck', payload: { sites: ['*'] } },
      'config/recheck: expected no payload',
    ],
    [
      { protocol: 1, name: 'tab/get', payload: { tabId: '7' } },
      'tab/get: expected { tabId: integer }',
    ],
    [
      { protocol: 1, name: 'pageview/get', payload: null },
      'pageview/get: expected { tabId: integer }',
    ],
    [
      { protocol: 1, name: 'uberctx/learn', payload: { names: 'uberctx-a' } },
      'uberctx/learn: expected { names: string[] } (at most 16)',
    ],
    [
      { protocol: 1, name: 'uberctx/learn', payload: { names: Array(17).fill('uberctx-a') } },
      'uberctx/learn: expected { names: string[] } (at most 16)',
    ],
  ])('%j is refused: %s', (message, error) => {
    expect(readEnvelope(message)).toBe(error);
  });

  test.each([
    { protocol: PROTOCOL_VERSION, name: 'status/get', payload: null },
    { protocol: PROTOCOL_VERSION, name: 'config/set', payload: { anything: true } },
    { protocol: PROTOCOL_VERSION, name: 'tab/get', payload: { tabId: 12 } },
  ])('%j is accepted as is', (message) => {
    expect(readEnvelope(message)).toBe(message);
  });

  test('fields JSON or String() cannot show are still refused with a reason (found by fuzzing)', () => {
    expect(readEnvelope({ protocol: 1, name: 10n, payload: null })).toBe('unknown message 10');
    expect(readEnvelope({ protocol: { toString: 1 }, name: 'status/get', payload: null })).toBe(
      'protocol version an object is not 1; reload the extension page',
    );
    expect(
      readEnvelope({
        protocol: 1,
        name: 'uberctx/learn',
        payload: { names: new Array<string>(1) },
      }),
    ).toBe('uberctx/learn: expected { names: string[] } (at most 16)');
  });

  test('never throws on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = readEnvelope(value);
        expect(typeof result === 'string' || typeof result === 'object').toBe(true);
      }),
    );
  });
});

describe('content scripts', () => {
  test('may send only uberctx/learn (strip more) and config/recheck (apply what is stored)', () => {
    expect([...CONTENT_SCRIPT_MESSAGES]).toEqual(['uberctx/learn', 'config/recheck']);
  });
});
