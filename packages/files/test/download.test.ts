import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DownloadError,
  downloadFile,
  downloadToBuffer,
  FileSizeTooLargeError,
  InvalidArgumentError,
  TransferOptionsError,
  TransferTimeoutError,
} from "../src/index.js";
import { type Handler, sendBytes, startServer, type TestServer, testBytes } from "./support/http-server.js";

let dir: string;
let server: TestServer;
const big = testBytes(3 * 1024 * 1024 + 5, 9);

/** Sends half of a declared body, then drops the connection: a truncated download. */
const truncated: Handler = (_req, res) => {
  res.writeHead(200, { "content-length": "1000" });
  res.write(Buffer.alloc(500, 1), () => res.destroy());
};

/** Sends headers and a first chunk, then goes silent. */
const stalls: Handler = (_req, res) => {
  res.writeHead(200, { "content-length": "1000" });
  res.write(Buffer.alloc(10));
};

/** A chunked body (no Content-Length) of `size` bytes. */
const chunked =
  (size: number): Handler =>
  (_req, res) => {
    res.writeHead(200);
    res.end(Buffer.alloc(size, 7));
  };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tc-files-dl-"));
  server = await startServer({
    "/empty": sendBytes(new Uint8Array(0)),
    "/one": sendBytes(Uint8Array.of(42)),
    "/big": sendBytes(big),
    "/missing-length": sendBytes(big, {}, { contentLength: false }),
    "/truncated": truncated,
    "/stalls": stalls,
    "/chunked-2000": chunked(2000),
    "/redirect": (_req, res) => {
      res.writeHead(302, { location: "/big" }).end();
    },
    "/loop": (_req, res) => {
      res.writeHead(301, { location: "/loop" }).end();
    },
    "/server-error": (_req, res) => {
      res.writeHead(500).end("boom");
    },
  });
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("downloadFile", () => {
  it.each([
    ["/empty", new Uint8Array(0)],
    ["/one", Uint8Array.of(42)],
    ["/big", big],
    ["/missing-length", big],
  ])("writes %s byte-exactly and leaves no temporary file", async (path, expected) => {
    const dest = join(dir, "nested", "out.bin");
    const written = await downloadFile({ url: `${server.origin}${path}`, destPath: dest });
    expect(written).toBe(dest);
    expect(Buffer.from(await readFile(dest)).equals(Buffer.from(expected))).toBe(true);
    expect(await readdir(join(dir, "nested"))).toEqual(["out.bin"]);
  });

  it("follows a redirect", async () => {
    const dest = join(dir, "r.bin");
    await downloadFile({ url: `${server.origin}/redirect`, destPath: dest });
    expect((await readFile(dest)).equals(big)).toBe(true);
  });

  it("gives up after maxRedirects with a DownloadError", async () => {
    const error = await downloadFile({
      url: `${server.origin}/loop`,
      destPath: join(dir, "x"),
      maxRedirects: 3,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).status).toBe(301);
    expect(server.requests).toHaveLength(4);
    expect(await readdir(dir)).toEqual([]);
  });

  it("does not follow redirects when maxRedirects is 0", async () => {
    const error = await downloadFile({
      url: `${server.origin}/redirect`,
      destPath: join(dir, "x"),
      maxRedirects: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
  });

  it.each([
    ["/nope", 404],
    ["/server-error", 500],
  ])("turns %s into a DownloadError with status %i and writes nothing", async (path, status) => {
    const error = await downloadFile({ url: `${server.origin}${path}`, destPath: join(dir, "x") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).status).toBe(status);
    expect(await readdir(dir)).toEqual([]);
  });

  it("removes the temporary file and keeps the old file when the body is truncated", async () => {
    const dest = join(dir, "keep.bin");
    await writeFile(dest, "previous content");
    const error = await downloadFile({ url: `${server.origin}/truncated`, destPath: dest }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect(await readdir(dir)).toEqual(["keep.bin"]);
    expect(await readFile(dest, "utf8")).toBe("previous content");
  });

  it("times out on a server that stops sending, and cleans up", async () => {
    const error = await downloadFile({
      url: `${server.origin}/stalls`,
      destPath: join(dir, "x"),
      timeout: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransferTimeoutError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("stops on abort with the signal's reason, and cleans up", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const pending = downloadFile({
      url: `${server.origin}/stalls`,
      destPath: join(dir, "x"),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 100);
    await expect(pending).rejects.toBe(reason);
    expect(await readdir(dir)).toEqual([]);
  });

  it("reports progress with the Content-Length total", async () => {
    const seen: Array<[number, number | null]> = [];
    await downloadFile({
      url: `${server.origin}/big`,
      destPath: join(dir, "p"),
      onProgress: (r, t) => seen.push([r, t]),
    });
    expect(seen.at(-1)).toEqual([big.byteLength, big.byteLength]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.[0]).toBeGreaterThan(seen[i - 1]?.[0] ?? 0);
  });

  it("reports a null total when the server sends no Content-Length", async () => {
    const totals = new Set<number | null>();
    await downloadFile({
      url: `${server.origin}/missing-length`,
      destPath: join(dir, "p"),
      onProgress: (_r, t) => totals.add(t),
    });
    expect([...totals]).toEqual([null]);
  });

  it.each([
    ["a directory as destPath", () => ({ destPath: dir })],
    ["a destPath below a regular file", () => ({ destPath: join(dir, "plain-file", "out.bin") })],
    ["an empty destPath", () => ({ destPath: "" })],
    ["a file: URL", () => ({ url: "file:///etc/passwd" })],
  ])("rejects %s with TransferOptionsError before any request", async (_label, override) => {
    await writeFile(join(dir, "plain-file"), "not a folder");
    const options = { url: `${server.origin}/big`, destPath: join(dir, "x"), ...override() };
    await expect(downloadFile(options)).rejects.toBeInstanceOf(TransferOptionsError);
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["a negative maxRedirects", { maxRedirects: -1 }, /Invalid maxRedirects/],
    ["a NaN timeout", { timeout: Number.NaN }, /Invalid timeout: expected milliseconds.*got NaN/],
    ["the old dispatcher option", { dispatcher: {} }, /did you mean "httpDispatcher"/],
    ["a misspelt destPath", { destpath: "x" }, /unknown option "destpath" \(did you mean "destPath"\?\)/],
  ])("rejects %s with InvalidArgumentError before any request", async (_label, override, message) => {
    const options = { url: `${server.origin}/big`, destPath: join(dir, "x"), ...override };
    const error = await downloadFile(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toEqual([]);
  });

  it("keeps query strings (which may hold secrets) out of error messages", async () => {
    const error = await downloadFile({
      url: `${server.origin}/nope?token=s3cr3t-value`,
      destPath: join(dir, "x"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).not.toContain("s3cr3t-value");
  });
});

describe("downloadToBuffer", () => {
  it.each([
    ["/empty", new Uint8Array(0)],
    ["/one", Uint8Array.of(42)],
    ["/big", big],
    ["/missing-length", big],
  ])("returns %s byte-exactly", async (path, expected) => {
    const bytes = await downloadToBuffer({ url: `${server.origin}${path}`, maxBytes: 10 * 1024 * 1024 });
    expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
  });

  it("refuses a body whose Content-Length exceeds maxBytes", async () => {
    const error = await downloadToBuffer({ url: `${server.origin}/big`, maxBytes: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileSizeTooLargeError);
    expect((error as FileSizeTooLargeError).actualValue).toBe(big.byteLength);
    expect((error as FileSizeTooLargeError).limit).toBe(1000);
  });

  it("stops reading a body without Content-Length as soon as it passes maxBytes", async () => {
    const error = await downloadToBuffer({ url: `${server.origin}/chunked-2000`, maxBytes: 1999 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileSizeTooLargeError);
    expect((error as FileSizeTooLargeError).actualValue).toBeGreaterThan(1999);
  });

  it("accepts a body exactly at maxBytes", async () => {
    const bytes = await downloadToBuffer({ url: `${server.origin}/chunked-2000`, maxBytes: 2000 });
    expect(bytes.byteLength).toBe(2000);
  });

  it("fails a truncated body with DownloadError", async () => {
    await expect(
      downloadToBuffer({ url: `${server.origin}/truncated`, maxBytes: 5000 }),
    ).rejects.toBeInstanceOf(DownloadError);
  });

  it.each([
    ["a missing maxBytes", { maxBytes: undefined }],
    ["a negative maxBytes", { maxBytes: -5 }],
    ["a fractional maxBytes", { maxBytes: 1.5 }],
    ["a misspelt maxBytes", { maxbytes: 10 }],
  ])("rejects %s with InvalidArgumentError", async (_label, override) => {
    const options = { url: `${server.origin}/big`, ...override };
    await expect(downloadToBuffer(options as { url: string; maxBytes: number })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(server.requests).toEqual([]);
  });
});
