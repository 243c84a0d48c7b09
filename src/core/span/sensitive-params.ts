/**
 * Which parameter names hold secrets. A name is percent-decoded (repeatedly: see nameDecoded) and
 * split into words (at "_", "-", ".", "[", any other non-alphanumeric character, at camelCase humps
 * and at letter/digit changes). It is sensitive when
 * - some run of consecutive words, joined, equals a listed name with its separators removed: so
 *   `token` catches `user_token`, `x-auth-token` and `accessToken`, and `api_key` catches
 *   `X-API-Key` and `apiKey`; or
 * - one word ends in a listed name of at least MIN_SUFFIX_LENGTH characters: `authtoken`,
 *   `csrftoken`, `resetpassword`. Short names (`key`, `pin`, `pass`, `sid`, `code`) match whole
 *   words only, so `monkey`, `keyword`, `hockey`, `spinner`, `compass` and `barcode` stay visible,
 *   and one-word compounds of them that matter are listed (`accesskey`, `secretkey`); or
 * - it is still percent-encoded after MAX_NAME_DECODINGS rounds.
 * A listed name at the start of a word does not count (`tokenizer`, `secretary`, `sessions`).
 * The false positives are harmless values hidden, e.g. `country_code`, `pin_to_top`, `possession`
 * (it ends in `session`); a miss would store a secret, so the rules err on the side of hiding.
 * Matching walks tries of the listed names from each word, at most as far as the longest listed
 * name: linear in the name's length.
 */
import { isWordChar, nameDecoded, nameWords } from './param-name';
import { noWork, type RedactionWork } from './redaction-work';

/** Listed names this long or longer also match at the end of a word: `csrftoken` ends in `token`. */
export const MIN_SUFFIX_LENGTH = 5;

/**
 * Redacted by default (settings: `recording.sensitiveParams`). It covers OAuth/OIDC, API keys, PINs,
 * sessions, signed URLs (the OpenTelemetry `url.full` guidance names AWSAccessKeyId, Signature, sig
 * and X-Goog-Signature; the X-Amz-* ones end in Signature, Credential and Token) and SAML.
 */
export const DEFAULT_SENSITIVE_PARAMS: readonly string[] = Object.freeze([
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'api_key',
  'apikey',
  'key',
  'accesskey',
  'privatekey',
  'secretkey',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passcode',
  'pin',
  'secret',
  'client_secret',
  'auth',
  'authorization',
  'bearer',
  'code',
  'credential',
  'credentials',
  'session',
  'sessionid',
  'jsessionid',
  'phpsessid',
  'sid',
  'sig',
  'signature',
  'hmac',
  'jwt',
  'otp',
  'ticket',
  'samlresponse',
  'awsaccesskeyid',
]);

/** A trie of lowercase names, one character code per edge. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  terminal: boolean;
}

interface CompiledNames {
  readonly empty: boolean;
  /** The listed names, for runs of words read forwards. */
  readonly names: TrieNode;
  /** The listed names of MIN_SUFFIX_LENGTH or more, reversed, for a word read from its end. */
  readonly suffixes: TrieNode;
}

function trieNode(): TrieNode {
  return { next: new Map(), terminal: false };
}

function insert(root: TrieNode, name: string, reversed: boolean): void {
  let node = root;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(reversed ? name.length - 1 - k : k);
    let child = node.next.get(c);
    if (child === undefined) {
      child = trieNode();
      node.next.set(c, child);
    }
    node = child;
  }
  node.terminal = true;
}

/** A listed name as it is compared: lowercase, separators removed (`X-API-Key` → `xapikey`). */
function compact(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    if (isWordChar(name.charCodeAt(i))) out += name.charAt(i);
  }
  return out.toLowerCase();
}

const compiledCache = new WeakMap<readonly string[], CompiledNames>();

/** The list as tries, built once per list object (the recorder passes the same one for every request). */
function compile(list: readonly string[]): CompiledNames {
  // A caller bypassing the types with a non-list gets the defaults: redacting too much beats too little.
  const sensitive: readonly string[] = Array.isArray(list) ? list : DEFAULT_SENSITIVE_PARAMS;
  const cached = compiledCache.get(sensitive);
  if (cached !== undefined) return cached;
  const names = trieNode();
  const suffixes = trieNode();
  let empty = true;
  for (const entry of sensitive) {
    if (typeof entry !== 'string') continue;
    const name = compact(entry);
    if (name === '') continue;
    empty = false;
    insert(names, name, false);
    if (name.length >= MIN_SUFFIX_LENGTH) insert(suffixes, name, true);
  }
  const compiled = { empty, names, suffixes };
  compiledCache.set(sensitive, compiled);
  return compiled;
}

/** True when words[start], words[start + 1], … joined begin with a listed name ending at a word end. */
function runMatches(
  words: readonly string[],
  start: number,
  root: TrieNode,
  work: RedactionWork,
): boolean {
  let node = root;
  for (let j = start; j < words.length; j++) {
    const word = words[j] ?? '';
    for (let k = 0; k < word.length; k++) {
      work.steps++;
      const child = node.next.get(word.charCodeAt(k));
      if (child === undefined) return false;
      node = child;
    }
    if (node.terminal) return true;
  }
  return false;
}

/** True when `word` ends in a name of the (reversed) suffix trie. */
function suffixMatches(word: string, root: TrieNode, work: RedactionWork): boolean {
  let node = root;
  for (let k = word.length - 1; k >= 0; k--) {
    work.steps++;
    const child = node.next.get(word.charCodeAt(k));
    if (child === undefined) return false;
    if (child.terminal) return true;
    node = child;
  }
  return false;
}

/**
 * True when the raw (possibly percent-encoded) parameter `name` is sensitive under `sensitive`, by
 * the rules above. `work` counts the characters visited.
 */
export function isSensitiveParam(
  name: string,
  sensitive: readonly string[],
  work: RedactionWork = noWork(),
): boolean {
  const compiled = compile(sensitive);
  if (compiled.empty || typeof name !== 'string') return false;
  const decoded = nameDecoded(name, work);
  if (decoded === null) return true;
  const words = nameWords(decoded, work);
  for (let i = 0; i < words.length; i++) {
    if (runMatches(words, i, compiled.names, work)) return true;
    if (suffixMatches(words[i] ?? '', compiled.suffixes, work)) return true;
  }
  return false;
}
