/**
 * Finds inline code and remote resources in built HTML pages. Extension CSP forbids inline
 * scripts and handlers anyway, but a page that relies on one breaks silently at run time, and
 * AMO review rejects remote code. It parses with parse5, the WHATWG parser that web-ext's
 * addons-linter already brings (through cheerio), so odd quoting or casing cannot hide a tag.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Finding } from './code-scan';

export type HtmlRule = 'inline-script' | 'inline-handler' | 'javascript-url' | 'remote-resource';

export interface HtmlFinding extends Omit<Finding, 'rule'> {
  rule: HtmlRule;
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** http(s) or protocol-relative: loaded from the network rather than the package. */
export function isRemoteUrl(url: string): boolean {
  return /^\s*(?:https?:)?\/\//i.test(url);
}

/** URL parsers drop ASCII whitespace and control characters, so `java\tscript:` still runs. */
function isJavascriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  return /^javascript:/i.test(value.replace(/[\u0000-\u0020]/g, ''));
}

function textOf(node: Element): string {
  return node.childNodes.map((c) => ('value' in c ? c.value : '')).join('');
}

function checkElement(node: Element, flag: (rule: HtmlRule, text: string) => void): void {
  for (const { name, value } of node.attrs) {
    if (/^on/i.test(name)) flag('inline-handler', `${name}="${value}"`);
    if (isJavascriptUrl(value)) flag('javascript-url', `${name}="${value}"`);
    // Any packaged page pulling from the network is remote content, a script or not.
    if ((name === 'src' || name === 'href' || name === 'srcset') && isRemoteUrl(value))
      flag('remote-resource', `<${node.tagName} ${name}="${value}">`);
  }
  if (node.tagName === 'script' && textOf(node).trim() !== '')
    flag('inline-script', textOf(node).trim().slice(0, 80));
}

/** Every finding in one HTML file, with the line of the element that carries it. */
export function scanHtml(source: string, file: string): HtmlFinding[] {
  const findings: HtmlFinding[] = [];
  const visit = (node: Node): void => {
    if ('tagName' in node) {
      const { startLine: line = 0, startCol: column = 0 } = node.sourceCodeLocation ?? {};
      checkElement(node, (rule, text) => findings.push({ file, line, column, rule, text }));
      // A <template>'s children live in its content fragment, not in childNodes.
      if (node.tagName === 'template') visit((node as DefaultTreeAdapterMap['template']).content);
    }
    if ('childNodes' in node) node.childNodes.forEach(visit);
  };
  visit(parse(source, { sourceCodeLocationInfo: true }));
  return findings;
}
