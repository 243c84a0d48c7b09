/**
 * What a built manifest.json opens up: a content security policy that allows eval or remote
 * scripts, pages on the web that may message the extension, and files any site may fetch
 * (which also lets a site detect the extension). Reads untrusted JSON and never throws.
 */

/** Script-loading directives, and the fallback that covers them when they are absent. */
const SCRIPT_DIRECTIVES = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'worker-src',
  'object-src',
]);
/** The only sources that keep scripts inside the package. A host or a hash is a change to review. */
const LOCAL_SOURCES = new Set(["'self'", "'none'"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** MV2 has one policy string; MV3 has `{extension_pages, sandbox}`. */
function policies(manifest: Record<string, unknown>): [string, string][] {
  const csp = manifest['content_security_policy'];
  if (typeof csp === 'string') return [['content_security_policy', csp]];
  if (!isRecord(csp)) return [];
  return Object.entries(csp).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`content_security_policy.${key}`, value] as [string, string]]
      : [],
  );
}

/** Problems in the content security policy, if the manifest sets one (CSP Level 3 syntax). */
export function cspProblems(manifest: unknown): string[] {
  if (!isRecord(manifest)) return ['manifest is not an object'];
  return policies(manifest).flatMap(([where, policy]) =>
    policy.split(';').flatMap((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      // Every 'unsafe-…' keyword (eval, inline, hashes, wasm) weakens the default policy.
      const unsafe = sources.filter((s) => /unsafe/i.test(s)).map((s) => `${where}: ${name} ${s}`);
      const remote = SCRIPT_DIRECTIVES.has(name.toLowerCase())
        ? sources
            .filter((s) => !LOCAL_SOURCES.has(s.toLowerCase()) && !/unsafe/i.test(s))
            .map((s) => `${where}: ${name} allows ${s}`)
        : [];
      return [...unsafe, ...remote];
    }),
  );
}

/** A match pattern whose host is a wildcard lets any such site message the extension. */
function isWildcardMatch(pattern: string): boolean {
  if (pattern === '<all_urls>') return true;
  const host = /^[^:]+:\/\/([^/]*)/.exec(pattern)?.[1] ?? pattern;
  return host.includes('*');
}

/** Wildcards in `externally_connectable` (web pages by match, extensions by id). */
export function externallyConnectableProblems(manifest: unknown): string[] {
  if (!isRecord(manifest)) return ['manifest is not an object'];
  const connectable = manifest['externally_connectable'];
  if (connectable === undefined) return [];
  if (!isRecord(connectable)) return ['externally_connectable is not an object'];
  return [
    ...strings(connectable['matches'])
      .filter(isWildcardMatch)
      .map((m) => `externally_connectable.matches ${m}`),
    ...strings(connectable['ids'])
      .filter((id) => id === '*')
      .map(() => 'externally_connectable.ids *'),
  ];
}

/**
 * Every web-accessible resource as `resource <- who may load it`, sorted, so a test can pin the
 * exact set: MV2 lists paths open to everyone; MV3 pairs resources with matches or extension ids.
 */
export function webAccessibleResources(manifest: unknown): string[] {
  const war = isRecord(manifest) ? manifest['web_accessible_resources'] : undefined;
  if (!Array.isArray(war)) return [];
  return war
    .flatMap((entry: unknown) => {
      if (typeof entry === 'string') return [`${entry} <- *`];
      if (!isRecord(entry)) return [`${JSON.stringify(entry)} <- ?`];
      const who = [...strings(entry['matches']), ...strings(entry['extension_ids'])].join(' ');
      return strings(entry['resources']).map((r) => `${r} <- ${who}`);
    })
    .sort();
}
