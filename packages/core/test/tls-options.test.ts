import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, resolveTlsOptions } from "../src/index.js";

const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("resolveTlsOptions", () => {
  it("maps every verifySsl form to Node TLS options", () => {
    const dir = mkdtempSync(join(tmpdir(), "tc-core-"));
    writeFileSync(join(dir, "ca.pem"), pem);
    expect(resolveTlsOptions(undefined)).toEqual({});
    expect(resolveTlsOptions(true)).toEqual({});
    expect(resolveTlsOptions(false)).toEqual({ rejectUnauthorized: false });
    expect(resolveTlsOptions(pem)).toEqual({ ca: pem });
    expect(resolveTlsOptions(new TextEncoder().encode(pem))).toEqual({ ca: pem });
    expect(resolveTlsOptions(join(dir, "ca.pem"))).toEqual({ ca: pem });
    expect(resolveTlsOptions({ minVersion: "TLSv1.2" })).toEqual({ minVersion: "TLSv1.2" });
  });

  it("fails at once, typed, on an unreadable CA path or a wrong type", () => {
    expect(() => resolveTlsOptions("/nonexistent/ca.pem")).toThrow(InvalidArgumentError);
    expect(() => resolveTlsOptions(42 as never)).toThrow(/verifySsl must be/);
  });
});
