import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  formatHeaderLines,
  parseHeaderLines,
  readHeaderText,
  sameHeaders,
} from '../../../src/popup/model';
import { exportHeaderNameProblem } from '../../../src/core/config/parse-export';
import { FC_OPTIONS } from '../config/arbitraries';

describe('parseHeaderLines', () => {
  test('one Name: value per line; blank lines and surrounding spaces are dropped', () => {
    const parsed = parseHeaderLines('x-api-key: abc\n\n  Authorization:Bearer t:1  \r\nX-Empty:\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.headers).toEqual({
      'x-api-key': 'abc',
      Authorization: 'Bearer t:1',
      'X-Empty': '',
    });
    expect(Object.keys(parsed.headers)).toEqual(['x-api-key', 'Authorization', 'X-Empty']);
  });

  test('empty text is no headers', () => {
    expect(parseHeaderLines('')).toEqual({ headers: {}, errors: [] });
    expect(parseHeaderLines(' \n\t\n')).toEqual({ headers: {}, errors: [] });
  });

  test.each<[string, string, string]>([
    ['no colon', 'a: 1\nx-api-key abc', 'line 2: expected Name: value'],
    ['no name', ': abc', 'line 1: expected Name: value'],
    ['a space in the name', 'x api: abc', 'line 1: "x api" is not a header name'],
    [
      'a name set by the exporter',
      'Content-Type: text/plain',
      'line 1: "Content-Type" is set by the exporter itself',
    ],
    ['a repeated name, any case', 'X-Key: a\nx-key: b', 'line 2: x-key is already set on line 1'],
    [
      'a value too long',
      `x-big: ${'v'.repeat(4097)}`,
      'line 1: the value must be text of at most 4096 characters on one line',
    ],
  ])('%s: %j is refused', (_, text, error) => {
    expect(parseHeaderLines(text).errors).toEqual([error]);
  });

  test('line numbers count blank lines, and good lines are still read', () => {
    const parsed = parseHeaderLines('a: 1\n\nbroken\nb: 2');
    expect(parsed.errors).toEqual(['line 3: expected Name: value']);
    expect(parsed.headers).toEqual({ a: '1', b: '2' });
  });

  test('more than 32 headers', () => {
    const text = Array.from({ length: 33 }, (_, i) => `h${String(i)}: v`).join('\n');
    expect(parseHeaderLines(text).errors).toEqual(['33 headers; at most 32']);
    expect(parseHeaderLines(text.split('\n').slice(1).join('\n')).errors).toEqual([]);
  });

  test('__proto__ is a plain name, not the prototype', () => {
    const { headers } = parseHeaderLines('__proto__: x');
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });

  test('format then parse gives the headers back', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9!#$&'*+.^_`|~-]{1,12}$/);
    const value = fc.stringMatching(/^([!-~]([ !-~]{0,10}[!-~])?)?$/);
    const headers = fc
      .uniqueArray(fc.tuple(name, value), {
        maxLength: 8,
        selector: ([n]) => n.toLowerCase(),
      })
      .filter((entries) => entries.every(([n]) => exportHeaderNameProblem(n) === null))
      .map((entries) => Object.fromEntries(entries));
    fc.assert(
      fc.property(headers, (h) => {
        const parsed = parseHeaderLines(formatHeaderLines(h));
        expect(parsed.errors).toEqual([]);
        expect(sameHeaders(parsed.headers, h)).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});

describe('formatHeaderLines', () => {
  test('one line per header', () => {
    expect(formatHeaderLines({ a: '1', 'x-api-key': 'k' })).toBe('a: 1\nx-api-key: k');
    expect(formatHeaderLines({})).toBe('');
  });
});

describe('readHeaderText', () => {
  const saved = { 'x-pad': '  spaced  ', 'X-A': '1', 'x-a': '2' };

  test('text left as saved keeps the saved headers exactly, without errors', () => {
    const read = readHeaderText(formatHeaderLines(saved), saved);
    expect(read.headers).toBe(saved);
    expect(read.errors).toEqual([]);
  });

  test('edited text is parsed', () => {
    const read = readHeaderText(`${formatHeaderLines(saved)}\nb: 3`, saved);
    expect(read.errors).toEqual(['line 3: x-a is already set on line 2']);
    expect(read.headers).toEqual({ 'x-pad': 'spaced', 'X-A': '1', b: '3' });
  });
});

describe('sameHeaders', () => {
  test('order does not matter; names, values and count do', () => {
    expect(sameHeaders({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameHeaders({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameHeaders({ a: '1' }, { A: '1' })).toBe(false);
    expect(sameHeaders({ a: '1' }, { a: '1', b: '2' })).toBe(false);
  });
});
