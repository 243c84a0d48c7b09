import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_FILTER_TERMS, parseFilter } from '../../../src/devtools/panel/model/filter-parse';
import type { FilterTerm } from '../../../src/devtools/panel/model/filter-terms';

function only(text: string): FilterTerm {
  const { terms } = parseFilter(text);
  expect(terms).toHaveLength(1);
  return terms[0] as FilterTerm;
}

function testOf(text: string): unknown {
  const term = only(text);
  if (!term.valid) throw new Error(`${text} is invalid: ${term.reason}`);
  return term.test;
}

function reasonOf(text: string): string {
  const term = only(text);
  if (term.valid) throw new Error(`${text} is valid`);
  return term.reason;
}

describe('parseFilter: terms and where they are', () => {
  test('whitespace separates terms; each knows its offsets and sign', () => {
    const text = '  users\t-status:404 \u00a0 /GET\\s/  ';
    const { terms, valid } = parseFilter(text);
    expect(valid).toBe(true);
    expect(terms.map((t) => [t.text, t.start, t.end, t.negated])).toEqual([
      ['users', 2, 7, false],
      ['-status:404', 8, 19, true],
      ['/GET\\s/', 22, 29, false],
    ]);
    for (const t of terms) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  test('empty and blank filters have no terms and are valid', () => {
    expect(parseFilter('')).toEqual({ terms: [], valid: true });
    expect(parseFilter(' \n\t ')).toEqual({ terms: [], valid: true });
  });

  test('a lone "-" is the text "-", as in DevTools', () => {
    expect(only('-')).toMatchObject({
      negated: false,
      valid: true,
      test: { field: 'text', needle: '-' },
    });
  });

  test(`more than ${MAX_FILTER_TERMS} terms: the rest is one invalid term`, () => {
    const text = Array.from({ length: MAX_FILTER_TERMS + 3 }, (_, i) => `t${i}`).join(' ');
    const { terms, valid } = parseFilter(text);
    expect(valid).toBe(false);
    expect(terms).toHaveLength(MAX_FILTER_TERMS + 1);
    expect(terms.at(-1)).toMatchObject({ text: 't64 t65 t66', valid: false });
  });
});

describe('parseFilter: what each term tests', () => {
  test.each([
    ['Users', { field: 'text', needle: 'users' }],
    ['method:post', { field: 'method', method: 'POST' }],
    ['Method:_OTHER', { field: 'method', method: '_OTHER' }],
    ['status:404', { field: 'status', min: 404, max: 404 }],
    ['status:0', { field: 'status', min: 0, max: 0 }],
    ['status:5XX', { field: 'status', min: 500, max: 599 }],
    ['status-code:201', { field: 'status', min: 201, max: 201 }],
    ['trace:4BF92F', { field: 'trace', prefix: '4bf92f' }],
    ['name:Users', { field: 'name', needle: 'users' }],
    ['url:Token=', { field: 'url', needle: 'token=' }],
    ['is:error', { field: 'is', flag: 'error' }],
    ['is:Exported', { field: 'is', flag: 'exported' }],
    ['is:unexported', { field: 'is', flag: 'unexported' }],
    ['duration>200', { field: 'duration', op: '>', ms: 200 }],
    ['duration<=1.5s', { field: 'duration', op: '<=', ms: 1500 }],
    ['Duration>=20ms', { field: 'duration', op: '>=', ms: 20 }],
    ['duration<0.5', { field: 'duration', op: '<', ms: 0.5 }],
    ['attr.server.port:443', { field: 'attr', key: 'server.port', needle: '443' }],
    [
      'attr.http.request.header.traceparent:*',
      { field: 'attr', key: 'http.request.header.traceparent', needle: null },
    ],
    ['attr.Browser.X:Y', { field: 'attr', key: 'Browser.X', needle: 'y' }],
  ])('%s', (text, expected) => {
    expect(testOf(text)).toEqual(expected);
  });

  test('domain: a * glob on the whole host, case-insensitive', () => {
    const t = testOf('domain:*.Example.com') as { field: string; pattern: RegExp };
    expect(t.field).toBe('domain');
    expect(t.pattern.test('api.example.com')).toBe(true);
    expect(t.pattern.test('API.EXAMPLE.COM')).toBe(true);
    expect(t.pattern.test('example.com')).toBe(false);
    expect(t.pattern.test('api.example.com.evil')).toBe(false);
    expect(t.pattern.test('apixexample.com')).toBe(false);
  });

  test('/re/ is a case-insensitive regular expression', () => {
    const t = testOf('/users\\/\\{id\\}$/') as { field: string; regex: RegExp };
    expect(t.field).toBe('regex');
    expect(t.regex.flags).toBe('i');
    expect(t.regex.test('GET /USERS/{ID}')).toBe(true);
  });

  test('unknown keys, URLs and bare slashes are text, as in DevTools', () => {
    for (const text of [
      'foo:bar',
      'https://api.example.com/x',
      '//',
      '/',
      '/x',
      'x/',
      'larger-than:1k',
    ]) {
      expect(testOf(text)).toEqual({ field: 'text', needle: text.toLowerCase() });
    }
  });
});

describe('parseFilter: a known key with a bad value is invalid, with a reason', () => {
  test.each([
    ['status:abc', /status: expects a code/],
    ['status:6xx', /status: expects/],
    ['status:1000', /status: expects/],
    ['status:', /status: needs a value/],
    ['method:GE(T', /method: expects an HTTP method/],
    ['domain:a/b', /domain: expects a host name/],
    ['trace:xyz', /trace: expects the start of a trace id/],
    ['trace:4bf92f3577b34da6a3ce929d0e0e47360', /trace: expects/],
    ['is:slow', /is: expects error, exported or unexported/],
    ['duration>x', /duration>: expects milliseconds/],
    ['duration<', /duration<: expects milliseconds/],
    ['duration>-5', /duration>: expects milliseconds/],
    ['duration:5', /use duration>N or duration<N/],
    ['attr.:x', /attr\.: needs an attribute name/],
    ['attr.server.port:', /needs a value, or \* for any/],
    ['/[/', /Invalid regular expression/],
    ['-/(/', /Invalid regular expression/],
  ])('%s', (text, reason) => {
    expect(reasonOf(text)).toMatch(reason);
    expect(parseFilter(`ok ${text}`).valid).toBe(false);
  });
});

describe('parseFilter: properties', () => {
  test('never throws; terms are the words of the text, in order, without overlap', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const { terms, valid } = parseFilter(text);
        let last = 0;
        for (const t of terms) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(text.slice(t.start, t.end)).toBe(t.text);
          expect(/^\s/.test(t.text) || /\s$/.test(t.text)).toBe(false);
          if (!t.valid) expect(t.reason).not.toBe('');
          last = t.end;
        }
        expect(valid).toBe(terms.every((t) => t.valid));
        expect(terms.length).toBe(
          Math.min(text.split(/\s+/).filter(Boolean).length, MAX_FILTER_TERMS + 1),
        );
      }),
    );
  });

  test('filter-like strings built from the grammar never throw either', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'method:',
        'status:',
        'domain:',
        'trace:',
        'name:',
        'url:',
        'is:',
        'attr.',
        'duration>',
        'duration<=',
        '-',
        '/',
        '*',
        ':',
        'xx',
        '\\',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
          { maxLength: 8 },
        ),
        (words) => {
          const { terms } = parseFilter(words.join(' '));
          expect(Array.isArray(terms)).toBe(true);
        },
      ),
    );
  });
});
