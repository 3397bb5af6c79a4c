/*
 * Secrets a bot's logs could carry, whatever layer wrote the line: tokens (JWTs, `token=` query parameters,
 * `"token": "…"` in a frame), passwords, and Authorization headers. Every line the bot logs goes through here.
 */

const redacted = "[redacted]";

/** Patterns of secrets that look the same wherever they appear. */
const secretPatterns: readonly [RegExp, string][] = [
  // A JWT: three base64url parts, the first one a JSON header ("eyJ").
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, redacted],
  // Authorization: Bearer …, Basic … (header text or a logged object).
  [/(authorization["']?\s*[:=]\s*["']?)(?:bearer|basic|jwt)?\s*[^\s"',}]+/gi, `$1${redacted}`],
  [/\b(bearer)\s+[^\s"',}]+/gi, `$1 ${redacted}`],
  // Query parameters and JSON fields whose name says they are secret.
  [/([?&](?:access_token|token|password|secret|signature|sig|key)=)[^&#\s"']+/gi, `$1${redacted}`],
  [/("(?:access_token|token|password|client_secret|secret)"\s*:\s*")[^"]*(")/gi, `$1${redacted}$2`],
];

/**
 * A string with every secret replaced by `[redacted]`: the given known secrets (the bot's token and password,
 * matched literally) and anything shaped like one (see the patterns above). Never throws.
 *
 * @example
 * redact("GET /file?token=abc", []); // "GET /file?token=[redacted]"
 */
export function redact(text: string, knownSecrets: Iterable<string>): string {
  let out = text;
  for (const secret of knownSecrets) {
    // Short strings would redact ordinary words; real tokens and passwords of that size are not worth it.
    if (secret.length >= 4) out = out.split(secret).join(redacted);
  }
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return out;
}
