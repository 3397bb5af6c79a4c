import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DownloadError,
  type InputFile,
  InputFileError,
  InvalidArgumentError,
  TransferTimeoutError,
  URLInputFile,
} from "../src/index.js";
import { type Handler, sendBytes, startServer, type TestServer, testBytes } from "./support/http-server.js";
import { signatures } from "./support/signatures.js";

let server: TestServer;
let other: TestServer;
const data = testBytes(500_000, 11);
let seenHeaders: Record<string, string | undefined>;

const recordHeaders =
  (next: Handler): Handler =>
  (req, res) => {
    seenHeaders = { authorization: req.headers.authorization };
    return next(req, res);
  };

beforeEach(async () => {
  seenHeaders = {};
  other = await startServer({ "/elsewhere.bin": recordHeaders(sendBytes(data)) });
  server = await startServer({
    "/files/photo.png": sendBytes(signatures.png.bytes, { "content-type": "application/octet-stream" }),
    "/files/data.bin": recordHeaders(sendBytes(data)),
    "/files/no-length": sendBytes(data, {}, { contentLength: false }),
    "/files/typed": sendBytes(Buffer.from("name,value\n"), { "content-type": "text/csv; charset=utf-8" }),
    "/download": sendBytes(data, {
      "content-disposition": "attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.bin",
    }),
    "/quoted": sendBytes(data, {
      "content-disposition": 'attachment; filename="../../etc/report \\"v2\\".txt"',
    }),
    "/moved": (_req, res) => {
      res.writeHead(302, { location: "/files/photo.png?sig=abc" }).end();
    },
    "/away": (_req, res) => {
      res.writeHead(307, { location: `${other.origin}/elsewhere.bin` }).end();
    },
    "/to-ftp": (_req, res) => {
      res.writeHead(302, { location: "ftp://127.0.0.1/file" }).end();
    },
    "/slow": (_req, res) => {
      res.writeHead(200, { "content-length": "100000" });
      res.write(Buffer.alloc(10));
    },
    "/silent": () => {},
    "/head-then-stall": (_req, res) => {
      // Declares 1 MB, sends the first 8 KiB (a PNG signature), then goes silent: reading past the
      // head would hit the timeout.
      res.writeHead(200, { "content-length": "1000000", "content-type": "application/octet-stream" });
      res.write(signatures.png.bytes);
    },
    "/drip": (_req, res) => {
      // 40 chunks, 50 ms apart: the whole body takes twice the test's 1 s inactivity limit.
      res.writeHead(200, { "content-length": String(40 * 1000) });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(data.subarray(sent * 1000, (sent + 1) * 1000));
        if (++sent === 40) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
      res.on("close", () => clearInterval(timer));
    },
  });
});

afterEach(async () => {
  await server.close();
  await other.close();
});

async function readAll(file: InputFile): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.stream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("URLInputFile", () => {
  it("takes the name from the URL path, the size from Content-Length and sniffs the type", async () => {
    const file = new URLInputFile(`${server.origin}/files/photo.png`);
    expect(await file.describe()).toEqual({
      fileName: "photo.png",
      fileSize: signatures.png.bytes.byteLength,
      mimeType: "image/png",
      extension: "png",
    });
    expect((await readAll(file)).equals(signatures.png.bytes)).toBe(true);
  });

  it("uses the server's Content-Type when the bytes say nothing", async () => {
    const description = await new URLInputFile(`${server.origin}/files/typed`).describe();
    expect(description).toMatchObject({ fileName: "typed.csv", mimeType: "text/csv; charset=utf-8" });
  });

  it("follows a redirect and names the file after the final URL", async () => {
    const file = new URLInputFile(`${server.origin}/moved`);
    expect(await file.describe()).toMatchObject({ fileName: "photo.png", mimeType: "image/png" });
    expect((await readAll(file)).equals(signatures.png.bytes)).toBe(true);
  });

  it("sends its headers, but not to another origin after a redirect", async () => {
    const headers = { authorization: "Bearer secret-token" };
    await readAll(new URLInputFile(`${server.origin}/files/data.bin`, { headers }));
    expect(seenHeaders.authorization).toBe("Bearer secret-token");
    const moved = new URLInputFile(`${server.origin}/away`, { headers });
    expect((await readAll(moved)).equals(data)).toBe(true);
    expect(seenHeaders.authorization).toBeUndefined();
  });

  it("prefers the Content-Disposition name (RFC 5987 UTF-8 form)", async () => {
    expect((await new URLInputFile(`${server.origin}/download`).describe()).fileName).toBe("отчёт.bin");
  });

  it("keeps only the last segment of a quoted Content-Disposition name", async () => {
    expect((await new URLInputFile(`${server.origin}/quoted`).describe()).fileName).toBe('report "v2".txt');
  });

  it("measures a response without Content-Length by counting it, then streams it again", async () => {
    const file = new URLInputFile(`${server.origin}/files/no-length`);
    expect((await file.describe()).fileSize).toBe(data.byteLength);
    expect((await readAll(file)).equals(data)).toBe(true);
  });

  it("makes no request to describe when name, size and type are given", async () => {
    const file = new URLInputFile(`${server.origin}/files/data.bin`, {
      fileName: "d.bin",
      fileSize: data.byteLength,
      mimeType: "application/x-test",
    });
    expect(await file.describe()).toMatchObject({ fileName: "d.bin", fileSize: data.byteLength });
    expect(server.requests).toEqual([]);
  });

  it("turns a 404 into a DownloadError with the status", async () => {
    const file = new URLInputFile(`${server.origin}/files/missing.png`);
    const error = await file.describe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).status).toBe(404);
    await expect(readAll(file)).rejects.toBeInstanceOf(DownloadError);
  });

  it("times out on a slow server, while describing and while streaming", async () => {
    const slow = new URLInputFile(`${server.origin}/slow`, { timeout: 250 });
    await expect(readAll(slow)).rejects.toBeInstanceOf(TransferTimeoutError);
    const silent = new URLInputFile(`${server.origin}/silent`, { timeout: 250 });
    await expect(silent.describe()).rejects.toBeInstanceOf(TransferTimeoutError);
  });

  it("describes from the first bytes only: a server that stalls after them does not hold it up", async () => {
    const file = new URLInputFile(`${server.origin}/head-then-stall`, { timeout: 2000 });
    expect(await file.describe()).toEqual({
      fileName: "head-then-stall.png",
      fileSize: 1_000_000,
      mimeType: "image/png",
      extension: "png",
    });
  });

  it("treats timeout as inactivity: a slow body that keeps moving is read to the end", async () => {
    const file = new URLInputFile(`${server.origin}/drip`, { timeout: 1000 });
    const started = Date.now();
    expect((await readAll(file)).equals(data.subarray(0, 40 * 1000))).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(1000);
  });

  it("refuses a redirect to another scheme", async () => {
    await expect(new URLInputFile(`${server.origin}/to-ftp`).describe()).rejects.toBeInstanceOf(
      DownloadError,
    );
  });

  it("clones into an independent input for the same URL", async () => {
    const file = new URLInputFile(`${server.origin}/files/data.bin`, { fileName: "copy.bin" });
    const copy = file.clone();
    expect(copy).not.toBe(file);
    expect(copy.url.href).toBe(file.url.href);
    expect((await readAll(copy)).equals(data)).toBe(true);
    expect((await copy.describe()).fileName).toBe("copy.bin");
  });

  it.each([
    ["an unsupported scheme", () => new URLInputFile("ftp://127.0.0.1/file.txt")],
    ["a file: URL", () => new URLInputFile("file:///etc/hosts")],
    ["a malformed URL", () => new URLInputFile("http//nope")],
    [
      "a header with a line break",
      () => new URLInputFile("http://127.0.0.1/a", { headers: { a: "b\r\nc: d" } }),
    ],
    ["a negative size", () => new URLInputFile("http://127.0.0.1/a", { fileSize: -3 })],
  ])("rejects %s with InputFileError at construction", (_label, create) => {
    expect(create).toThrow(InputFileError);
  });

  it.each([
    ["a zero timeout", { timeout: 0 }, /Invalid timeout/],
    ["a negative maxRedirects", { maxRedirects: -1 }, /Invalid maxRedirects/],
    [
      "a signal (a file may be read more than once)",
      { signal: AbortSignal.abort() },
      /unknown option "signal"/,
    ],
    ["the old dispatcher option", { dispatcher: {} }, /did you mean "httpDispatcher"/],
    ["an unreadable CA file", { verifySsl: "/nonexistent/ca.pem" }, /cannot read the CA file/],
  ])("rejects %s with InvalidArgumentError at construction", (_label, options, message) => {
    expect(() => new URLInputFile("http://127.0.0.1/a", options as never)).toThrow(InvalidArgumentError);
    expect(() => new URLInputFile("http://127.0.0.1/a", options as never)).toThrow(message);
  });

  it("keeps credentials of the URL out of error messages", () => {
    try {
      new URLInputFile("ftp://user:hunter2@127.0.0.1/file?token=abc");
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
      expect((error as Error).message).not.toContain("token=abc");
    }
    expect.assertions(2);
  });
});
