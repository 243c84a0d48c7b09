/**
 * Finds code that runs strings as code or loads code from the network, in built JavaScript.
 * It walks a real AST (the TypeScript parser, already a dev dependency) rather than grepping,
 * because minified libraries say "eval" in harmless places: webextension-polyfill's API table
 * has an `eval:` key and calls `devtools.inspectedWindow.eval`, which runs in the inspected page.
 * Limits: it follows no aliases (`const t = setTimeout; t('code')` passes), so it is a guard
 * against the usual shapes, not a proof.
 */
import ts from 'typescript';

export type Rule =
  | 'parse-error'
  | 'eval'
  | 'function-constructor'
  | 'string-timer'
  | 'remote-import'
  | 'remote-script';

export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: Rule;
  text: string;
}

/** Names by which a script reaches its global object, so `window.eval` is `eval`. */
const GLOBALS = new Set(['window', 'self', 'globalThis', 'global', 'top', 'parent', 'frames']);
const TIMERS = new Set(['setTimeout', 'setInterval']);
const WORKERS = new Set(['Worker', 'SharedWorker']);

/** http(s), protocol-relative, or a data: URL (code carried in a string). */
export function isRemoteOrDataUrl(url: string): boolean {
  return /^\s*(?:(?:https?:)?\/\/|data:)/i.test(url);
}

/** `(0, eval)` and `(eval)` call the same function as `eval`. */
function unwrap(node: ts.Expression): ts.Expression {
  if (ts.isParenthesizedExpression(node)) return unwrap(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken)
    return unwrap(node.right);
  return node;
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

/** A string the timer would compile: a literal, a template, or a concatenation with one. */
function isStringy(node: ts.Expression | undefined): boolean {
  if (node === undefined) return false;
  const inner = unwrap(node);
  if (literal(inner) !== undefined || ts.isTemplateExpression(inner)) return true;
  return (
    ts.isBinaryExpression(inner) &&
    inner.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    (isStringy(inner.left) || isStringy(inner.right))
  );
}

/** The name a member expression reads, and whether it reads it off the global object. */
function member(node: ts.Expression): { name: string; onGlobal: boolean } | undefined {
  const inner = unwrap(node);
  if (ts.isIdentifier(inner)) return { name: inner.text, onGlobal: true };
  const name = ts.isPropertyAccessExpression(inner)
    ? inner.name.text
    : ts.isElementAccessExpression(inner)
      ? literal(inner.argumentExpression)
      : undefined;
  if (name === undefined) return undefined;
  const object = unwrap(
    (inner as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression,
  );
  return { name, onGlobal: ts.isIdentifier(object) && GLOBALS.has(object.text) };
}

/** `eval` read as a value (called, aliased, passed), not a property key such as `{eval: …}`. */
function isEvalReference(node: ts.Identifier): boolean {
  const parent = node.parent as ts.Node & { name?: ts.Node };
  return node.text === 'eval' && (ts.isShorthandPropertyAssignment(parent) || parent.name !== node);
}

function check(node: ts.Node, flag: (node: ts.Node, rule: Rule) => void): void {
  if (ts.isIdentifier(node) && isEvalReference(node)) flag(node, 'eval');
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const read = member(node);
    if (read?.name === 'eval' && read.onGlobal) flag(node, 'eval');
  }
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    const from = literal(node.moduleSpecifier);
    if (from !== undefined && isRemoteOrDataUrl(from)) flag(node, 'remote-import');
  }
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    member(node.left)?.name === 'src' &&
    isRemoteOrDataUrl(literal(node.right) ?? '')
  )
    flag(node, 'remote-script');
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) checkCall(node, flag);
}

function checkCall(
  node: ts.CallExpression | ts.NewExpression,
  flag: (node: ts.Node, rule: Rule) => void,
): void {
  const [first, second] = node.arguments ?? [];
  if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    // A computed specifier could be anything; ours are all literal, so demand that.
    const from = literal(first);
    if (from === undefined || isRemoteOrDataUrl(from)) flag(node, 'remote-import');
    return;
  }
  const callee = member(node.expression);
  if (callee === undefined) return;
  const { name, onGlobal } = callee;
  // `inspectedWindow.eval('location.href')` runs a fixed string in the inspected page; a
  // computed one could carry page data into code.
  if (name === 'eval' && !onGlobal && literal(first) === undefined) flag(node, 'eval');
  if (name === 'Function' && onGlobal) flag(node, 'function-constructor');
  // `(() => {}).constructor('code')` is the Function constructor by another name. Only string
  // arguments count: Preact's `this.constructor(props, context)` builds a component.
  if (name === 'constructor' && !onGlobal && (node.arguments ?? []).some(isStringy))
    flag(node, 'function-constructor');
  if (TIMERS.has(name) && onGlobal && isStringy(first)) flag(node, 'string-timer');
  if (name === 'importScripts' && onGlobal && (node.arguments ?? []).some((a) => !isLocal(a)))
    flag(node, 'remote-import');
  if (WORKERS.has(name) && onGlobal && !isLocal(first)) flag(node, 'remote-script');
  if (name === 'setAttribute' && literal(first) === 'src' && !isLocal(second))
    flag(node, 'remote-script');
}

/** A script URL we can see is packaged: a literal that is neither remote nor data:. */
function isLocal(node: ts.Expression | undefined): boolean {
  const url = literal(node);
  return url !== undefined && !isRemoteOrDataUrl(url);
}

/** Every finding in one JavaScript file; a file that does not parse is itself a finding. */
export function scanJs(source: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const at = (start: number, rule: Rule, text: string): void => {
    const { line, character } = sf.getLineAndCharacterOfPosition(start);
    findings.push({ file, line: line + 1, column: character + 1, rule, text });
  };
  const flag = (node: ts.Node, rule: Rule): void => {
    const start = node.getStart(sf);
    at(start, rule, source.slice(start, Math.min(node.getEnd(), start + 80)));
  };
  // The parser recovers from errors; a file it misread could hide a call, so say so.
  const { diagnostics = [] } = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
  });
  for (const d of diagnostics)
    at(d.start ?? 0, 'parse-error', ts.flattenDiagnosticMessageText(d.messageText, ' '));
  const visit = (node: ts.Node): void => {
    check(node, flag);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

/** `file:line:column rule: text`, the shape editors and terminals link to. */
export function formatFinding(f: Omit<Finding, 'rule'> & { rule: string }): string {
  return `${f.file}:${f.line}:${f.column} ${f.rule}: ${f.text}`;
}
