import { readFile } from "node:fs/promises";
import type { ConnectionOptions } from "node:tls";
import { Agent } from "undici";
import { TransferOptionsError } from "./transfer-errors.js";

/**
 * How HTTPS certificates are checked, as in the transport: `true` (default) trusts the system's
 * certificate authorities, `false` accepts any certificate (testing only), a string is a PEM
 * certificate or the path of a PEM file to trust instead, bytes are PEM content, and an object is
 * passed to Node's TLS as it is (`ca`, `cert`, `key`, `servername`, …).
 *
 * @example
 * await downloadFile({ url, destPath: "a.pdf", verifySsl: "certs/company-ca.pem" });
 */
export type VerifySsl = boolean | string | Uint8Array | ConnectionOptions;

/**
 * An undici agent that checks certificates as `verifySsl` says. The caller owns it and closes it.
 *
 * @throws TransferOptionsError when a CA file cannot be read or the value has the wrong type.
 */
export async function agentForVerifySsl(verifySsl: VerifySsl | undefined): Promise<Agent> {
  return new Agent({ connect: await tlsOptionsFor(verifySsl) });
}

async function tlsOptionsFor(verifySsl: VerifySsl | undefined): Promise<ConnectionOptions> {
  if (verifySsl === undefined || verifySsl === true) return {};
  if (verifySsl === false) return { rejectUnauthorized: false };
  if (verifySsl instanceof Uint8Array) return { ca: Buffer.from(verifySsl) };
  if (typeof verifySsl === "string") {
    if (verifySsl.includes("-----BEGIN")) return { ca: verifySsl };
    try {
      return { ca: await readFile(verifySsl) };
    } catch (error) {
      throw new TransferOptionsError(`verifySsl: the CA file cannot be read: ${verifySsl}`, { cause: error });
    }
  }
  if (typeof verifySsl === "object" && verifySsl !== null) return verifySsl;
  throw new TransferOptionsError(
    "verifySsl must be a boolean, a PEM string or file path, PEM bytes, or TLS connection options",
  );
}
