import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputFileErrorFromFs } from "../src/fs-errors.js";
import {
  BufferedInputFile,
  FSInputFile,
  type InputFile,
  InputFileError,
  InvalidArgumentError,
  StreamInputFile,
  TrueConfChatBotError,
} from "../src/index.js";
import { testBytes } from "./support/http-server.js";
import { signatures } from "./support/signatures.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tc-files-in-"));
  await writeFile(join(dir, "report.pdf"), signatures.pdf.bytes);
  await writeFile(join(dir, "notes.txt"), "plain text, no signature\n");
  await writeFile(join(dir, "noext"), signatures.png.bytes);
  await writeFile(join(dir, "empty.bin"), new Uint8Array(0));
  await writeFile(join(dir, "big.bin"), testBytes(700_000));
  await mkdir(join(dir, "folder"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(file: InputFile): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.stream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("FSInputFile", () => {
  it("detects name, size and type from the path and the first bytes", async () => {
    const file = new FSInputFile(join(dir, "report.pdf"));
    expect(file.fileName).toBeUndefined();
    expect(await file.describe()).toEqual({
      fileName: "report.pdf",
      fileSize: signatures.pdf.bytes.byteLength,
      mimeType: "application/pdf",
      extension: "pdf",
    });
    expect([file.fileName, file.fileSize, file.mimeType, file.extension]).toEqual([
      "report.pdf",
      signatures.pdf.bytes.byteLength,
      "application/pdf",
      "pdf",
    ]);
  });

  it("falls back to the extension when the bytes say nothing", async () => {
    expect((await new FSInputFile(join(dir, "notes.txt")).describe()).mimeType).toBe("text/plain");
  });

  it("appends the detected extension to a name without one", async () => {
    const description = await new FSInputFile(join(dir, "noext")).describe();
    expect(description).toMatchObject({ fileName: "noext.png", mimeType: "image/png", extension: "png" });
  });

  it("uses given values as they are", async () => {
    const file = new FSInputFile(join(dir, "report.pdf"), {
      fileName: "Q3 report.PDF",
      mimeType: "application/x-custom",
    });
    expect(await file.describe()).toMatchObject({
      fileName: "Q3 report.PDF",
      mimeType: "application/x-custom",
      extension: "pdf",
    });
  });

  it("describes an empty file", async () => {
    expect(await new FSInputFile(join(dir, "empty.bin")).describe()).toEqual({
      fileName: "empty.bin",
      fileSize: 0,
      mimeType: "application/octet-stream",
      extension: "bin",
    });
  });

  it("streams the exact bytes, again on every call and from every clone", async () => {
    const file = new FSInputFile(join(dir, "big.bin"));
    const expected = testBytes(700_000);
    expect((await readAll(file)).equals(expected)).toBe(true);
    expect((await readAll(file)).equals(expected)).toBe(true);
    const copy = file.clone();
    expect(copy).not.toBe(file);
    expect(copy).toBeInstanceOf(FSInputFile);
    expect((await readAll(copy)).equals(expected)).toBe(true);
  });

  it("reads from disk in chunks of at most 64 KiB, never the whole file at once", async () => {
    const sizes: number[] = [];
    for await (const chunk of new FSInputFile(join(dir, "big.bin")).stream()) sizes.push(chunk.byteLength);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(700_000);
  });

  it.each([
    ["a missing file", () => join(dir, "missing.pdf"), /File not found/],
    ["a directory", () => join(dir, "folder"), /directory/],
    ["a path through a file", () => join(dir, "report.pdf", "inner"), /File not found/],
    ["an empty path", () => "", /non-empty/],
    ["a device rather than a regular file", () => "/dev/null", /Not a regular file/],
  ])("throws InputFileError at construction for %s", (_label, path, message) => {
    expect(() => new FSInputFile(path())).toThrow(InputFileError);
    expect(() => new FSInputFile(path())).toThrow(message);
  });

  it("throws InputFileError on first read when the file disappeared after construction", async () => {
    const path = join(dir, "short-lived.bin");
    await writeFile(path, "x");
    const file = new FSInputFile(path);
    await rm(path);
    await expect(file.describe()).rejects.toBeInstanceOf(InputFileError);
    await expect(readAll(file)).rejects.toThrow(/File not found/);
  });

  it("names unreadable files as such", () => {
    const error = inputFileErrorFromFs(
      Object.assign(new Error("denied"), { code: "EACCES" }),
      "/x/secret.bin",
    );
    expect(error).toBeInstanceOf(InputFileError);
    expect(error.message).toBe("File is not readable: /x/secret.bin");
  });
});

describe("BufferedInputFile", () => {
  it("describes the bytes, naming an unnamed file by its type", async () => {
    const file = new BufferedInputFile(signatures.gif.bytes);
    expect(await file.describe()).toEqual({
      fileName: "file.gif",
      fileSize: signatures.gif.bytes.byteLength,
      mimeType: "image/gif",
      extension: "gif",
    });
  });

  it("reads a file with fromFile, named after it", async () => {
    const file = await BufferedInputFile.fromFile(join(dir, "report.pdf"));
    expect(file.fileName).toBe("report.pdf");
    expect(Buffer.from(file.data).equals(signatures.pdf.bytes)).toBe(true);
    expect(await file.describe()).toMatchObject({ fileName: "report.pdf", mimeType: "application/pdf" });
  });

  it("fails fromFile with InputFileError for a missing file or a directory", async () => {
    await expect(BufferedInputFile.fromFile(join(dir, "missing"))).rejects.toThrow(/File not found/);
    await expect(BufferedInputFile.fromFile(join(dir, "folder"))).rejects.toThrow(/directory/);
    await expect(BufferedInputFile.fromFile("")).rejects.toBeInstanceOf(InputFileError);
  });

  it("streams in chunks and can be cloned and read again", async () => {
    const data = testBytes(200_000);
    const file = new BufferedInputFile(data, { fileName: "a.bin" });
    expect((await readAll(file)).equals(data)).toBe(true);
    const copy = file.clone();
    expect(copy).not.toBe(file);
    expect((await readAll(copy)).equals(data)).toBe(true);
    expect(copy.fileName).toBe("a.bin");
  });

  it.each([
    ["a string as data", () => new BufferedInputFile("bytes" as unknown as Uint8Array)],
    ["an empty name", () => new BufferedInputFile(new Uint8Array(1), { fileName: "" })],
    ["a blank name", () => new BufferedInputFile(new Uint8Array(1), { fileName: "   " })],
    ["a malformed MIME type", () => new BufferedInputFile(new Uint8Array(1), { mimeType: "image" })],
    [
      "a MIME type with a line break",
      () => new BufferedInputFile(new Uint8Array(1), { mimeType: "a/b\r\nX: y" }),
    ],
  ])("rejects %s with InputFileError", (_label, create) => {
    expect(create).toThrow(InputFileError);
  });

  it("rejects an unknown option with InvalidArgumentError that names the nearest known one", () => {
    expect(() => new BufferedInputFile(new Uint8Array(1), { filename: "a.bin" } as never)).toThrow(
      /BufferedInputFile options: unknown option "filename" \(did you mean "fileName"\?\)/,
    );
    expect(() => new FSInputFile("package.json", { mimetype: "text/plain" } as never)).toThrow(
      InvalidArgumentError,
    );
    expect(
      () => new StreamInputFile(Readable.from([]), { fileName: "a", fileSize: 0, size: 0 } as never),
    ).toThrow(/unknown option "size"/);
  });

  it("raises errors that are TrueConfChatBotErrors", () => {
    try {
      new BufferedInputFile(new Uint8Array(1), { fileName: "" });
    } catch (error) {
      expect(error).toBeInstanceOf(TrueConfChatBotError);
      expect((error as Error).name).toBe("InputFileError");
    }
    expect.assertions(2);
  });
});

describe("StreamInputFile", () => {
  const data = testBytes(100_000, 5);

  it.each([
    ["a Node readable", () => Readable.from([data.subarray(0, 1000), data.subarray(1000)])],
    ["a web ReadableStream", () => Readable.toWeb(Readable.from([data])) as ReadableStream<Uint8Array>],
    [
      "an async generator",
      () =>
        (async function* () {
          for (let i = 0; i < data.length; i += 3000) yield data.subarray(i, i + 3000);
        })(),
    ],
  ])("reads %s once, with the sniffed head replayed", async (_label, source) => {
    const file = new StreamInputFile(source(), { fileName: "data.bin", fileSize: data.byteLength });
    expect(await file.describe()).toEqual({
      fileName: "data.bin",
      fileSize: data.byteLength,
      mimeType: "application/octet-stream",
      extension: "bin",
    });
    expect((await readAll(file)).equals(data)).toBe(true);
    await expect(readAll(file)).rejects.toThrow(/read once/);
  });

  it("reads a web stream that only offers a reader", async () => {
    const web = Readable.toWeb(Readable.from([data])) as ReadableStream<Uint8Array>;
    const readerOnly = { getReader: () => web.getReader() } as unknown as ReadableStream<Uint8Array>;
    const file = new StreamInputFile(readerOnly, { fileName: "d.bin", fileSize: data.byteLength });
    expect((await readAll(file)).equals(data)).toBe(true);
  });

  it("lets one clone read the stream, and refuses to clone a consumed one", async () => {
    const file = new StreamInputFile(Readable.from([data]), { fileName: "d.bin", fileSize: data.byteLength });
    const copy = file.clone();
    expect((await readAll(copy)).equals(data)).toBe(true);
    await expect(readAll(file)).rejects.toBeInstanceOf(InputFileError);
    expect(() => file.clone()).toThrow(InputFileError);
    expect(() => copy.clone()).toThrow(/read once/);
  });

  it("rejects chunks that are not bytes", async () => {
    const file = new StreamInputFile(Readable.from(["text"]) as unknown as Readable, {
      fileName: "t.txt",
      fileSize: 4,
      mimeType: "text/plain",
    });
    await expect(readAll(file)).rejects.toThrow(/only bytes/);
  });

  it.each([
    [
      "no source",
      () => new StreamInputFile(undefined as unknown as Readable, { fileName: "a", fileSize: 1 }),
    ],
    ["a plain object", () => new StreamInputFile({} as unknown as Readable, { fileName: "a", fileSize: 1 })],
    [
      "no options",
      () =>
        new StreamInputFile(
          Readable.from([]),
          undefined as unknown as { fileName: string; fileSize: number },
        ),
    ],
    ["an empty name", () => new StreamInputFile(Readable.from([]), { fileName: "", fileSize: 1 })],
    ["a negative size", () => new StreamInputFile(Readable.from([]), { fileName: "a", fileSize: -1 })],
    ["a fractional size", () => new StreamInputFile(Readable.from([]), { fileName: "a", fileSize: 1.5 })],
    [
      "a missing size",
      () =>
        new StreamInputFile(Readable.from([]), { fileName: "a" } as { fileName: string; fileSize: number }),
    ],
  ])("rejects %s with InputFileError", (_label, create) => {
    expect(create).toThrow(InputFileError);
  });
});

describe("InputFile across module copies", () => {
  it("recognises input files of the CommonJS build from the ESM source", async () => {
    const { createRequire } = await import("node:module");
    const cjs = createRequire(import.meta.url)("../dist/index.cjs") as typeof import("../src/index.js");
    const foreign = new cjs.BufferedInputFile(Uint8Array.of(1), { fileName: "a.bin" });
    const { InputFile } = await import("../src/index.js");
    expect(foreign).toBeInstanceOf(InputFile);
    expect(foreign).not.toBeInstanceOf(FSInputFile);
    expect(new FSInputFile(join(dir, "report.pdf"))).toBeInstanceOf(FSInputFile);
    expect(Uint8Array.of(1)).not.toBeInstanceOf(InputFile);
  });
});
