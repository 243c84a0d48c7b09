import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../src/core/config';

function errorsOf(input: unknown): string[] {
  const result = parseConfig(input);
  return result.ok ? [] : result.errors;
}

describe('parseConfig: errors', () => {
  test.each<[string, unknown, string[]]>([
    ['null', null, ['settings must be an object, got null']],
    ['a list', [], ['settings must be an object, got a list']],
    ['a string', '{}', ['settings must be an object, got "{}"']],
    ['a number', 1, ['settings must be an object, got 1']],
    ['undefined', undefined, ['settings must be an object, got nothing']],
    [
      'a newer version',
      { version: 4, enabled: 'no' },
      [
        'version: settings version 4 was written by a newer version of the extension; this one reads up to 3',
      ],
    ],
    ['version 0', { version: 0 }, ['version: must be a whole number from 1 to 3, got 0']],
    ['version "1"', { version: '1' }, ['version: must be a whole number from 1 to 3, got "1"']],
    ['version 1.5', { version: 1.5 }, ['version: must be a whole number from 1 to 3, got 1.5']],
    ['version null', { version: null }, ['version: must be a whole number from 1 to 3, got null']],
    ['enabled', { enabled: 'yes' }, ['enabled: must be true or false, got "yes"']],
    ['enabled null', { enabled: null }, ['enabled: must be true or false, got null']],
    [
      'sites not a list',
      { sites: 'https://a.example' },
      ['sites: must be a list, got "https://a.example"'],
    ],
    [
      'site not a string',
      { sites: [42] },
      ['sites[0]: must be an origin pattern string such as "https://app.example.com", got 42'],
    ],
    [
      'site with a path',
      { sites: ['https://a.example', 'https://a.example/app'] },
      [
        'sites[1]: "https://a.example/app": must not have a path, query or fragment ("/app"); a pattern names a whole origin',
      ],
    ],
    [
      'site with a bad scheme',
      { sites: ['ftp://a.example'] },
      ['sites[0]: "ftp://a.example": scheme must be "http", "https" or "*", got "ftp"'],
    ],
    ['targets not a list', { targets: {} }, ['targets: must be a list, got an object']],
    [
      'target not an object',
      { targets: ['https://api.example.com'] },
      [
        'targets[0]: must be an object such as {"match": "https://api.example.com", "mode": "network"}, got "https://api.example.com"',
      ],
    ],
    [
      'target mode',
      { targets: [{ match: 'https://a.example' }, { match: 'https://b.example', mode: 'both' }] },
      ['targets[1].mode: must be "page" or "network", got "both"'],
    ],
    ['target match missing', { targets: [{ mode: 'page' }] }, ['targets[0].match: is missing']],
    [
      'target match invalid',
      { targets: [{ match: 'https://*.*.example.com', mode: 'page' }] },
      [
        'targets[0].match: "https://*.*.example.com": "*" may only be the whole host or its first label, e.g. "https://*.example.com"',
      ],
    ],
    [
      'target listed twice',
      { targets: [{ match: 'https://a.example' }, { match: 'HTTPS://A.example/', mode: 'page' }] },
      ['targets[1].match: "https://a.example" is already listed at targets[0]'],
    ],
    ['propagators', { propagators: [] }, ['propagators: must be an object, got a list']],
    [
      'propagators.traceparent',
      { propagators: { traceparent: 1 } },
      ['propagators.traceparent: must be true or false, got 1'],
    ],
    [
      'propagators.b3',
      { propagators: { b3: true } },
      ['propagators.b3: must be "off", "single" or "multi", got true'],
    ],
    [
      'propagators.tracestate type',
      { propagators: { tracestate: null } },
      ['propagators.tracestate: must be a string, got null'],
    ],
    [
      'propagators.tracestate entry',
      { propagators: { tracestate: 'Vendor=x' } },
      [
        'propagators.tracestate: key "Vendor" may only contain lowercase letters, digits, _ - * / and one "@" ("V" at 1)',
      ],
    ],
    [
      'propagators.tracestate without =',
      { propagators: { tracestate: 'vendor' } },
      ['propagators.tracestate: expected key=value (no "=" found)'],
    ],
    ['baggage not a list', { baggage: 'user.id=1' }, ['baggage: must be a list, got "user.id=1"']],
    [
      'baggage entry not an object',
      { baggage: [['k', 'v']] },
      ['baggage[0]: must be an object such as {"key": "user.id", "value": "12345"}, got a list'],
    ],
    [
      'baggage key not a token',
      { baggage: [{ key: 'user id', value: '1' }] },
      ['baggage[0]: key "user id" is not a token (space at 5)'],
    ],
    [
      'baggage key and value missing',
      { baggage: [{}] },
      ['baggage[0].key: is missing', 'baggage[0].value: is missing'],
    ],
    [
      'baggage value not a string',
      { baggage: [{ key: 'n', value: 1 }] },
      ['baggage[0].value: must be a string, got 1'],
    ],
    [
      'baggage empty value',
      { baggage: [{ key: 'k', value: '' }] },
      ['baggage[0]: value of "k" is empty'],
    ],
    [
      'baggage duplicate key',
      {
        baggage: [
          { key: 'k', value: '1' },
          { key: 'j', value: '2' },
          { key: 'k', value: '3' },
        ],
      },
      ['baggage[2]: key "k" is already set by baggage[0]'],
    ],
    ['sampling', { sampling: 'always' }, ['sampling: must be an object, got "always"']],
    [
      'sampling.mode',
      { sampling: { mode: 'sometimes' } },
      ['sampling.mode: must be "always", "never" or "ratio", got "sometimes"'],
    ],
    [
      'sampling.ratio above 1',
      { sampling: { ratio: 1.5 } },
      ['sampling.ratio: must be a number from 0 to 1, got 1.5'],
    ],
    [
      'sampling.ratio negative',
      { sampling: { ratio: -0.1 } },
      ['sampling.ratio: must be a number from 0 to 1, got -0.1'],
    ],
    [
      'sampling.ratio NaN',
      { sampling: { ratio: Number.NaN } },
      ['sampling.ratio: must be a number from 0 to 1, got NaN'],
    ],
    [
      'sampling.ratio string',
      { sampling: { ratio: '0.5' } },
      ['sampling.ratio: must be a number from 0 to 1, got "0.5"'],
    ],
    [
      'existingHeader',
      { existingHeader: 'merge' },
      ['existingHeader: must be "keep" or "replace", got "merge"'],
    ],
    [
      'a long string is shortened',
      { existingHeader: 'x'.repeat(100) },
      [`existingHeader: must be "keep" or "replace", got "${'x'.repeat(60)}…"`],
    ],
  ])('%s', (_name, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });
});
