import { TokenValidationError } from "./errors.js";

/** A token with what is known about its lifetime, as returned by `fetchToken` or a token provider. */
export interface TokenInfo {
  /** The JWT sent in `auth`. */
  accessToken: string;
  /** The token type the server reported; `auth` always sends `"JWT"`. */
  tokenType: string;
  /** When the token stops being accepted, in Unix milliseconds; undefined when unknown. */
  expiresAt?: number | undefined;
}

const base64UrlPart = /^[A-Za-z0-9_-]+={0,2}$/;

function decodePart(part: string, name: string): Record<string, unknown> {
  if (!base64UrlPart.test(part)) throw new TokenValidationError(`Token ${name} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new TokenValidationError(`Token ${name} is not base64url-encoded JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TokenValidationError(`Token ${name} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * The `exp` claim of a JWT in Unix milliseconds, or undefined when the token is not a readable JWT or has no
 * numeric `exp`. Never throws; the token is not verified (only the server can do that).
 */
export function readJwtExpiry(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const exp = decodePart(parts[1], "payload").exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a token locally, the way the server will see it: a string without whitespace, three base64url parts,
 * a JSON header and payload, and an `exp` claim in the future. Throws `TokenValidationError` otherwise; the
 * message never contains the token.
 *
 * @example
 * validateToken(process.env.TRUECONF_TOKEN ?? ""); // throws TokenValidationError when unusable
 */
export function validateToken(token: string, now: number = Date.now()): void {
  if (typeof token !== "string" || token.length === 0) {
    throw new TokenValidationError("Token must be a non-empty string");
  }
  if (/\s/.test(token)) throw new TokenValidationError("Token must not contain whitespace");
  const parts = token.split(".");
  if (parts.length !== 3) {
    throw new TokenValidationError(`Token must have three dot-separated parts, it has ${parts.length}`);
  }
  const [header, payload] = parts as [string, string, string];
  decodePart(header, "header");
  const claims = decodePart(payload, "payload");
  if (typeof claims.exp !== "number" || !Number.isFinite(claims.exp)) {
    throw new TokenValidationError("Token has no numeric exp claim");
  }
  if (claims.exp * 1000 <= now) {
    throw new TokenValidationError(`Token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  }
}
