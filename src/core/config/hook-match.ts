/**
 * The page hook's per-request destination check, over lists the extension compiled for it
 * (hook-plan.ts). It reads the origin off a URL the browser has already serialized (a Request's
 * `url`, a URL's `href`), in which the host is lowercase, punycoded and canonical (IPv4 and IPv6)
 * and a default port is left out: nothing is left to parse, so no parser ships to the page.
 */

/**
 * One origin pattern, ready to compare: [scheme, host, port]. The scheme is 'http' or 'https';
 * the host is exact, `*.` + a domain (exactly one more label), or `*`; the port is '' for the
 * scheme's default, its digits, or '*'.
 */
export type HookRule = readonly [scheme: string, host: string, port: string];

/** True when `host` is one the pattern host names. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.charCodeAt(0) !== 0x2a) return pattern === host;
  // "*.example.com": exactly one non-empty label in front of ".example.com".
  const suffix = pattern.slice(1);
  const prefixLength = host.length - suffix.length;
  return prefixLength > 0 && host.endsWith(suffix) && host.lastIndexOf('.', prefixLength - 1) < 0;
}

/**
 * [scheme, host, port] of a serialized http(s) URL, or null. The authority ends at the first "/"
 * (special URLs always serialize a path), userinfo ends at its last "@" (one inside it is
 * percent-encoded), and a ":" after the host or after "]" can only start the port.
 */
function originParts(href: string): HookRule | null {
  const sep = href.indexOf('://');
  const scheme = href.slice(0, sep);
  if (sep < 0 || (scheme !== 'http' && scheme !== 'https')) return null;
  const end = href.indexOf('/', sep + 3);
  const authority = href.slice(sep + 3, end < 0 ? href.length : end);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = hostPort.lastIndexOf(':');
  return colon < 0 || hostPort.endsWith(']')
    ? [scheme, hostPort, '']
    : [scheme, hostPort.slice(0, colon), hostPort.slice(colon + 1)];
}

function anyMatches(rules: readonly HookRule[], [scheme, host, port]: HookRule): boolean {
  for (const rule of rules) {
    if (rule[0] === scheme && (rule[2] === '*' || rule[2] === port) && hostMatches(rule[1], host)) {
      return true;
    }
  }
  return false;
}

/**
 * True when the hook writes headers to `href` (serialized by the browser): the page's own origin
 * or a page-mode target (`page`), unless a network-mode target matches (`network`): the
 * declarative rule writes those, and both writing would put two contexts on one request.
 */
export function hookMatches(
  page: readonly HookRule[],
  network: readonly HookRule[],
  href: string,
): boolean {
  const origin = originParts(href);
  return origin !== null && !anyMatches(network, origin) && anyMatches(page, origin);
}
