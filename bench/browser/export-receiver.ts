/**
 * The export benchmark's OTLP/HTTP receiver, run as its own Node process (forked by
 * bench/export.bench.ts) so that its CPU time is its own and it competes with Chromium as a
 * Collector on the same machine would. It is the e2e tests' receiver (test/support/otlp-backend.ts):
 * it gunzips, decodes JSON and protobuf with the official protos and answers once it has decoded.
 * Over IPC it says where it listens, and on `take` tallies and forgets what it received.
 */
import { startOtlpBackend } from '../../test/support/otlp-backend';

export interface ReceiverTally {
  readonly spans: number;
  /** Distinct `traceId/spanId` among them: fewer than `spans` means duplicates. */
  readonly distinct: number;
  readonly requests: number;
  /** Request bodies as sent (compressed when gzip), from Content-Length. */
  readonly bodyBytes: number;
  /** `content-type; content-encoding` of the requests, each once. */
  readonly kinds: readonly string[];
  /** Requests refused or undecodable, as `status: why`. */
  readonly problems: readonly string[];
}

export type ReceiverMessage =
  | { readonly kind: 'listening'; readonly tracesUrl: string }
  | { readonly kind: 'tally'; readonly tally: ReceiverTally };

export type ReceiverCommand = { readonly kind: 'take' } | { readonly kind: 'close' };

const backend = await startOtlpBackend();
const send = (message: ReceiverMessage) => process.send?.(message);

process.on('message', (command: ReceiverCommand) => {
  if (command.kind === 'close') {
    void backend.close().then(() => process.exit(0));
    return;
  }
  const keys = new Set(backend.spans.map((s) => `${s.traceId}/${s.spanId}`));
  const tally: ReceiverTally = {
    spans: backend.spans.length,
    distinct: keys.size,
    requests: backend.requests.length,
    bodyBytes: backend.requests.reduce(
      (sum, r) => sum + Number(r.headers['content-length'] ?? NaN),
      0,
    ),
    kinds: [
      ...new Set(backend.requests.map((r) => `${r.contentType}; ${r.contentEncoding ?? ''}`)),
    ],
    problems: backend.requests
      .filter((r) => r.answer !== 200 || r.decodeError !== null)
      .map((r) => `${String(r.answer)}: ${r.decodeError ?? 'refused'}`),
  };
  backend.clear();
  send({ kind: 'tally', tally });
});

send({ kind: 'listening', tracesUrl: backend.tracesUrl });
