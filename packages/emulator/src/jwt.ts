import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The claims the emulator puts into its tokens. */
export interface TokenClaims {
  /** The account's user id. */
  sub: string;
  /** Issued at, Unix seconds. */
  iat: number;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Serial number of the token within this emulator (lets `expireTokens` expire "every token so far"). */
  jti: string;
}

/** Why a token was not accepted. */
export type TokenProblem = "malformed" | "signature" | "expired";

const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

/**
 * Issues and verifies HS256 JWTs with a secret that lives only as long as the emulator, so tokens of one
 * emulator never work on another. Uses node:crypto only.
 */
export class TokenSigner {
  readonly #secret = randomBytes(32);
  #serial = 0;

  /** The serial of the most recently issued token (0 when none). */
  get lastSerial(): number {
    return this.#serial;
  }

  /** A signed token for `sub` that expires `lifetimeSeconds` from now (may be negative for tests). */
  issue(sub: string, lifetimeSeconds: number): { token: string; claims: TokenClaims } {
    this.#serial += 1;
    const iat = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      sub,
      iat,
      exp: iat + Math.trunc(lifetimeSeconds),
      jti: String(this.#serial),
    };
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return { token: `${header}.${body}.${this.#sign(`${header}.${body}`)}`, claims };
  }

  /** The claims of a token this signer issued, or why it is not acceptable. */
  verify(token: string): { claims: TokenClaims } | { problem: TokenProblem; claims?: TokenClaims } {
    const parts = token.split(".");
    if (parts.length !== 3) return { problem: "malformed" };
    const [head, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { problem: "signature" };
    const claims = parseClaims(body);
    if (claims === undefined) return { problem: "malformed" };
    if (claims.exp <= Date.now() / 1000) return { problem: "expired", claims };
    return { claims };
  }

  #sign(input: string): string {
    return createHmac("sha256", this.#secret).update(input).digest("base64url");
  }
}

function parseClaims(body: string): TokenClaims | undefined {
  try {
    const value = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<TokenClaims>;
    if (typeof value.sub !== "string" || typeof value.exp !== "number" || typeof value.jti !== "string")
      return;
    return value as TokenClaims;
  } catch {
    return undefined;
  }
}
