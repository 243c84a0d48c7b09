/**
 * The work redaction does, counted in characters visited. Redaction runs on untrusted URLs and
 * header values inside the recorder, so it must stay linear in its input: a quadratic scan once
 * let a single 2 MB URL delay recording by seconds (issue #8). Tests assert on this count, never on
 * wall time; the recorder passes none and the count is simply dropped.
 */
export interface RedactionWork {
  steps: number;
}

/** A fresh counter, for callers that do not want the count. */
export function noWork(): RedactionWork {
  return { steps: 0 };
}
