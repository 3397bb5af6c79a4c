import { describe, expect, it } from "vitest";
import { StreamInputFile } from "../src/index.js";
import { SNIFF_BYTES } from "../src/sniff-file-type.js";
import { signatures } from "./support/signatures.js";

/**
 * A stream that yields the first SNIFF_BYTES bytes of `bytes` in small chunks and throws if anything
 * asks for more: detection that reads past the head fails the test.
 */
function headOnlyStream(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const head = bytes.subarray(0, SNIFF_BYTES);
      for (let offset = 0; offset < head.byteLength; offset += 1000)
        yield head.subarray(offset, offset + 1000);
      throw new Error("read past the first bytes");
    },
  };
}

describe("MIME detection from the first bytes only", () => {
  it.each(Object.entries(signatures))("recognises %s", async (_label, signature) => {
    const file = new StreamInputFile(headOnlyStream(signature.bytes), {
      fileName: "upload",
      fileSize: signature.bytes.byteLength,
    });
    expect(await file.describe()).toEqual({
      fileName: `upload.${signature.extension}`,
      fileSize: signature.bytes.byteLength,
      mimeType: signature.mimeType,
      extension: signature.extension,
    });
  });

  it("keeps the given extension when the type is recognised", async () => {
    const file = new StreamInputFile(headOnlyStream(signatures.jpeg.bytes), {
      fileName: "photo.JPEG",
      fileSize: 9000,
    });
    expect(await file.describe()).toMatchObject({
      fileName: "photo.JPEG",
      mimeType: "image/jpeg",
      extension: "jpeg",
    });
  });

  it("falls back to the extension, then to application/octet-stream, for unknown bytes", async () => {
    const unknown = new Uint8Array(SNIFF_BYTES).fill(0x5a);
    const byExtension = new StreamInputFile(headOnlyStream(unknown), {
      fileName: "table.csv",
      fileSize: 9000,
    });
    expect(await byExtension.describe()).toMatchObject({ mimeType: "text/csv", extension: "csv" });
    const nothing = new StreamInputFile(headOnlyStream(unknown), { fileName: "blob", fileSize: 9000 });
    expect(await nothing.describe()).toEqual({
      fileName: "blob",
      fileSize: 9000,
      mimeType: "application/octet-stream",
      extension: "",
    });
  });

  it("handles a source shorter than the sample", async () => {
    async function* tiny() {
      yield Uint8Array.of(0x47, 0x49, 0x46, 0x38, 0x39, 0x61);
    }
    const file = new StreamInputFile(tiny(), { fileName: "t", fileSize: 6 });
    expect((await file.describe()).mimeType).toBe("image/gif");
  });

  it("appends the usual extension of a given MIME type to a bare name", async () => {
    const file = new StreamInputFile(headOnlyStream(signatures.png.bytes), {
      fileName: "chart",
      fileSize: 10,
      mimeType: "image/jpeg",
    });
    expect(await file.describe()).toMatchObject({ fileName: "chart.jpg", mimeType: "image/jpeg" });
  });

  it("describes once: later calls return the same result without reading again", async () => {
    const file = new StreamInputFile(headOnlyStream(signatures.pdf.bytes), {
      fileName: "x.pdf",
      fileSize: 10,
    });
    const first = await file.describe();
    expect(await file.describe()).toBe(first);
  });
});
