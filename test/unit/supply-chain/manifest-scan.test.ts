/** The manifest checks of the supply-chain test, on planted manifests. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanDist } from '../../support/dist-scan';
import {
  cspProblems,
  externallyConnectableProblems,
  webAccessibleResources,
} from '../../support/manifest-scan';

describe('cspProblems', () => {
  test.each([
    ["script-src 'self' 'unsafe-eval'", "'unsafe-eval'"],
    ["script-src 'self' 'wasm-unsafe-eval'", "'wasm-unsafe-eval'"],
    ["default-src 'self' https://cdn.example", 'https://cdn.example'],
    ["script-src 'self' 'sha256-abc='", "'sha256-abc='"],
    ["worker-src *; object-src 'self'", 'worker-src allows *'],
  ])('flags %s', (policy, problem) => {
    const mv3 = { content_security_policy: { extension_pages: policy } };
    expect(cspProblems(mv3).join('\n')).toContain(problem);
    expect(cspProblems({ content_security_policy: policy }).join('\n')).toContain(problem);
  });

  test.each([
    {},
    { content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" } },
    { content_security_policy: "script-src 'self'; img-src https://example.com" },
  ])('passes %j', (manifest) => {
    expect(cspProblems(manifest)).toEqual([]);
  });
});

test('externallyConnectableProblems flags wildcard hosts and ids only', () => {
  const manifest = {
    externally_connectable: {
      matches: ['https://app.example/*', '*://*/*', 'https://*.example/*', '<all_urls>'],
      ids: ['abcdefghijklmnop', '*'],
    },
  };
  expect(externallyConnectableProblems(manifest)).toEqual([
    'externally_connectable.matches *://*/*',
    'externally_connectable.matches https://*.example/*',
    'externally_connectable.matches <all_urls>',
    'externally_connectable.ids *',
  ]);
  expect(externallyConnectableProblems({})).toEqual([]);
});

test('webAccessibleResources lists every resource with who may load it', () => {
  const mv3 = {
    web_accessible_resources: [
      { resources: ['b.js', 'a.png'], matches: ['<all_urls>'] },
      { resources: ['c.html'], extension_ids: ['xyz'] },
    ],
  };
  expect(webAccessibleResources(mv3)).toEqual([
    'a.png <- <all_urls>',
    'b.js <- <all_urls>',
    'c.html <- xyz',
  ]);
  expect(webAccessibleResources({ web_accessible_resources: ['x.js'] })).toEqual(['x.js <- *']);
  expect(webAccessibleResources({})).toEqual([]);
});

test('scanDist reads every file and flags unknown types and remote CSS', async () => {
  const root = await mkdtemp(join(tmpdir(), 'trace-capture-dist-scan-'));
  try {
    await mkdir(join(root, 'dist/assets'), { recursive: true });
    await writeFile(join(root, 'dist/manifest.json'), '{}');
    await writeFile(join(root, 'dist/assets/a.js'), 'setTimeout("x")');
    await writeFile(join(root, 'dist/assets/m.wasm'), '');
    await writeFile(join(root, 'dist/assets/s.css'), '@import url("https://cdn.example/a.css");');
    const { counts, findings } = await scanDist(join(root, 'dist'), root);
    expect(counts).toEqual({ '.json': 1, '.js': 1, '.wasm': 1, '.css': 1 });
    expect(findings).toEqual([
      'dist/assets/a.js:1:1 string-timer: setTimeout("x")',
      'dist/assets/m.wasm: unreviewed-file-type: no scanner for .wasm',
      'dist/assets/s.css: remote-resource: https://cdn.example/a.css',
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
