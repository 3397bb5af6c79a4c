import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileNameFromContentDisposition } from "../src/content-disposition.js";
import {
  FileLimits,
  type FileLimitsPayload,
  FileSizeTooLargeError,
  InvalidFileExtensionError,
} from "../src/index.js";

describe("server data of any shape never crashes the client", () => {
  it("FileLimits.from accepts any JSON value, and check only ever raises the typed limit errors", () => {
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({
        maxSize: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.string()),
        extensions: fc.oneof(
          fc.constant(null),
          fc.record({
            mode: fc.oneof(fc.constantFrom("allow", "block"), fc.string()),
            list: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))), fc.string()),
          }),
        ),
      }),
    );
    fc.assert(
      fc.property(payload, fc.string({ minLength: 1 }), fc.nat(), (raw, name, size) => {
        const limits = FileLimits.from(raw as FileLimitsPayload);
        const fileName = name.trim() === "" ? "x" : name;
        try {
          limits.check({ fileName, fileSize: size });
        } catch (error) {
          expect(error instanceof FileSizeTooLargeError || error instanceof InvalidFileExtensionError).toBe(
            true,
          );
        }
        for (const extension of limits.extensions) {
          expect(extension).toBe(extension.toLowerCase());
          expect(extension.startsWith(".")).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a Content-Disposition header of any text yields no name or a single path segment", () => {
    const header = fc.oneof(
      fc.string(),
      fc.string().map((s) => `attachment; filename="${s}"`),
      fc.string().map((s) => `attachment; filename*=UTF-8''${s}`),
      fc.string().map((s) => `attachment; filename*=iso-8859-1'en'${s}`),
    );
    fc.assert(
      fc.property(header, (value) => {
        const name = fileNameFromContentDisposition(value);
        if (name !== undefined) {
          expect(name.trim()).not.toBe("");
          expect(name).not.toMatch(/[\\/]/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
