/**
 * The supply-chain scanners on planted samples: each bad shape is flagged with the right rule,
 * and the harmless shapes the real build contains (minified Preact and webextension-polyfill)
 * are not. Without these, an empty findings list on the build could mean a blind scanner.
 */
import { describe, expect, test } from 'vitest';
import { scanJs } from '../../support/code-scan';
import { scanHtml } from '../../support/html-scan';

const rules = (source: string) => scanJs(source, 'sample.js').map((f) => f.rule);

describe('scanJs', () => {
  test.each([
    ['eval("x")', 'eval'],
    ['(0, eval)("x")', 'eval'],
    ['window.eval("x")', 'eval'],
    ['globalThis["eval"]("x")', 'eval'],
    ['const e = eval; e("x")', 'eval'],
    ['const o = { eval }; o.eval("x")', 'eval'],
    ['chrome.devtools.inspectedWindow.eval(code)', 'eval'],
    ['new Function("a", "return a")', 'function-constructor'],
    ['Function("return this")()', 'function-constructor'],
    ['new self.Function("x")', 'function-constructor'],
    ['(() => {}).constructor("return this")()', 'function-constructor'],
    ['setTimeout("alert(1)", 5)', 'string-timer'],
    ['window.setInterval(`tick(${n})`, 5)', 'string-timer'],
    ['setTimeout("go(" + n + ")")', 'string-timer'],
    ['import("https://cdn.example/x.js")', 'remote-import'],
    ['import(specifier)', 'remote-import'],
    ['import x from "https://cdn.example/x.js"', 'remote-import'],
    ['export * from "//cdn.example/x.js"', 'remote-import'],
    ['importScripts("https://cdn.example/x.js")', 'remote-import'],
    ['import("data:text/javascript,alert(1)")', 'remote-import'],
    ['script.src = "https://cdn.example/x.js"', 'remote-script'],
    ['el.setAttribute("src", "http://cdn.example/x.js")', 'remote-script'],
    ['new Worker("https://cdn.example/w.js")', 'remote-script'],
    ['let a = ;', 'parse-error'],
  ])('flags %s', (source, rule) => {
    expect(rules(source)).toContain(rule);
  });

  test.each([
    // webextension-polyfill's API metadata and its one inspectedWindow call.
    'const m = {devtools: {inspectedWindow: {eval: {minArgs: 1, maxArgs: 2}}}}',
    'n.default.devtools.inspectedWindow.eval(`location.href`)',
    'c = Function.call.bind(Object.prototype.hasOwnProperty); x instanceof Function',
    // Preact: a component built through its own constructor, and the MathML namespace string.
    'function re(e, t, n) { return this.constructor(e, n) }',
    'a == `http://www.w3.org/1998/Math/MathML` && (a = `http://www.w3.org/1999/xhtml`)',
    'setTimeout(() => done(), 5); const t = setInterval(tick, 1e3)',
    'import("./chunk.js"); importScripts("worker.js"); s.src = "/assets/x.js"',
    'import { h } from "./preact.js"; const o = { eval: 1 }; o.eval;',
  ])('passes %s', (source) => {
    expect(scanJs(source, 'sample.js')).toEqual([]);
  });

  test('reports the line and column of a finding', () => {
    const [finding] = scanJs('const a = 1;\nconst b = 2; eval("a")\n', 'dist/x.js');
    expect(finding).toMatchObject({ file: 'dist/x.js', line: 2, column: 14, rule: 'eval' });
  });
});

describe('scanHtml', () => {
  test.each([
    ['<script>alert(1)</script>', 'inline-script'],
    ['<SCRIPT type="module">\n import "./a.js"\n</SCRIPT>', 'inline-script'],
    ['<body onload="go()">', 'inline-handler'],
    ['<img src="x.png" ONERROR=go()>', 'inline-handler'],
    ['<a href="javascript:go()">x</a>', 'javascript-url'],
    ['<a href=" java\tscript:go()">x</a>', 'javascript-url'],
    ['<script src="https://cdn.example/x.js"></script>', 'remote-resource'],
    ['<link rel="modulepreload" href="//cdn.example/x.js">', 'remote-resource'],
    ['<template><script>alert(1)</script></template>', 'inline-script'],
  ])('flags %s', (source, rule) => {
    expect(scanHtml(source, 'page.html').map((f) => f.rule)).toContain(rule);
  });

  test('passes the page shape Vite emits', () => {
    const page = `<!doctype html><html><head>
      <script type="module" crossorigin src="/assets/index.html-C966lltq.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/parse-C454Seij.js">
      <link rel="stylesheet" crossorigin href="/assets/index-BYSCULeW.css">
      </head><body><div id="app"></div><script src="./a.js"> </script></body></html>`;
    expect(scanHtml(page, 'page.html')).toEqual([]);
  });

  test('reports the line of the element', () => {
    const [finding] = scanHtml('<html>\n<body>\n<div onclick="x()"></div>', 'p.html');
    expect(finding).toMatchObject({ file: 'p.html', line: 3, rule: 'inline-handler' });
  });
});
