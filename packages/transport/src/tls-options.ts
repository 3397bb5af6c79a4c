import { readFileSync } from "node:fs";
import type { SecureContextOptions } from "node:tls";
import { InvalidArgumentError } from "./errors.js";

/**
 * How to check the server's certificate: `true` (default) trusts the system store, `false` accepts any
 * certificate, a string is a CA bundle (PEM text or a path to a PEM file), an object is passed to Node's TLS as is.
 */
export type VerifySsl = boolean | string | SecureContextOptions;

/** The TLS settings both the WebSocket and every HTTP request use, so the two never disagree. */
export type ResolvedTlsOptions = SecureContextOptions & { rejectUnauthorized?: boolean };

/**
 * Turns a `verifySsl` value into Node TLS options. A CA path is read once, here, so that a wrong path fails
 * at construction with a clear error instead of at the first reconnect.
 */
export function resolveTlsOptions(verifySsl: VerifySsl | undefined): ResolvedTlsOptions {
  if (verifySsl === undefined || verifySsl === true) return {};
  if (verifySsl === false) return { rejectUnauthorized: false };
  if (typeof verifySsl === "string") {
    if (verifySsl.includes("-----BEGIN")) return { ca: verifySsl };
    try {
      return { ca: readFileSync(verifySsl, "utf8") };
    } catch (error) {
      throw new InvalidArgumentError(`verifySsl: cannot read the CA file ${verifySsl}`, { cause: error });
    }
  }
  if (typeof verifySsl === "object" && verifySsl !== null) return { ...verifySsl };
  throw new InvalidArgumentError("verifySsl must be a boolean, a CA path or PEM string, or Node TLS options");
}
