import { readFileSync } from "node:fs";
import type { SecureContextOptions } from "node:tls";
import { InvalidArgumentError } from "./invalid-argument-error.js";

/**
 * How to check the server's certificate, for the WebSocket and every HTTP request alike: `true` (default) trusts
 * the system store, `false` accepts any certificate (testing only), a string is a CA bundle (PEM text or the path
 * of a PEM file), bytes are PEM content, and an object is passed to Node's TLS as it is (`ca`, `cert`, `key`, …).
 *
 * @example
 * new Transport({ server, token, verifySsl: "certs/company-ca.pem" });
 */
export type VerifySsl = boolean | string | Uint8Array | SecureContextOptions;

/** Node TLS options resolved from a {@link VerifySsl} value. */
export type ResolvedTlsOptions = SecureContextOptions & { rejectUnauthorized?: boolean };

/**
 * Turns a `verifySsl` value into Node TLS options. A CA path is read here, once, so that a wrong path fails at
 * construction with a clear error instead of at the first reconnect.
 *
 * @throws InvalidArgumentError when the CA file cannot be read or the value has the wrong type.
 * @example
 * const agent = new undici.Agent({ connect: resolveTlsOptions(false) });
 */
export function resolveTlsOptions(verifySsl: VerifySsl | undefined): ResolvedTlsOptions {
  if (verifySsl === undefined || verifySsl === true) return {};
  if (verifySsl === false) return { rejectUnauthorized: false };
  if (verifySsl instanceof Uint8Array) return { ca: Buffer.from(verifySsl).toString("utf8") };
  if (typeof verifySsl === "string") {
    if (verifySsl.includes("-----BEGIN")) return { ca: verifySsl };
    try {
      return { ca: readFileSync(verifySsl, "utf8") };
    } catch (error) {
      throw new InvalidArgumentError(`verifySsl: cannot read the CA file ${verifySsl}`, { cause: error });
    }
  }
  if (typeof verifySsl === "object" && verifySsl !== null) return { ...verifySsl };
  throw new InvalidArgumentError(
    "verifySsl must be a boolean, a CA path or PEM string, PEM bytes, or Node TLS options",
  );
}
