import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BufferedInputFile,
  InputFileError,
  InvalidArgumentError,
  StreamInputFile,
  TransferOptionsError,
  TransferTimeoutError,
  TrueConfChatBotError,
  UploadError,
  URLInputFile,
  uploadFile,
} from "../src/index.js";
import { type Handler, sendBytes, startServer, type TestServer, testBytes } from "./support/http-server.js";
import { type ReceivedUpload, receiveUpload } from "./support/multipart-receiver.js";
import { signatures } from "./support/signatures.js";

const UPLOAD_PATH = "/bridge/api/client/v1/files";

let server: TestServer;
let received: ReceivedUpload[];
let answer: Handler;

beforeEach(async () => {
  received = [];
  answer = (_req, res) => {
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ temporalFileId: "tmp-1" }));
  };
  server = await startServer({
    [UPLOAD_PATH]: async (req, res) => {
      received.push(await receiveUpload(req));
      await answer(req, res);
    },
  });
});

afterEach(async () => {
  await server.close();
});

const url = () => `${server.origin}${UPLOAD_PATH}`;

describe("uploadFile", () => {
  it.each([0, 1, 3 * 1024 * 1024 + 7])(
    "sends %i bytes byte-exactly with the Upload-Task-Id header",
    async (size) => {
      const data = testBytes(size, size + 1);
      const id = await uploadFile({
        url: url(),
        uploadTaskId: "task-42",
        file: new BufferedInputFile(data, { fileName: "data.bin" }),
      });
      expect(id).toBe("tmp-1");
      const [upload] = received;
      expect(upload?.uploadTaskId).toBe("task-42");
      expect(upload?.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(upload?.parts).toHaveLength(1);
      const part = upload?.parts[0];
      expect(part?.field).toBe("file");
      expect(part?.fileName).toBe("data.bin");
      expect(part?.mimeType).toBe("application/octet-stream");
      expect(part?.data.equals(data)).toBe(true);
    },
  );

  it("keeps a non-ASCII file name byte for byte (raw UTF-8, not percent-encoded)", async () => {
    const name = 'Отчёт «итоги» 2025 — 日本語 "q".pdf';
    await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(signatures.pdf.bytes, { fileName: name }),
    });
    const upload = received[0] as ReceivedUpload;
    // Only the quote is escaped, as browsers do; everything else is the name's own UTF-8 bytes.
    const expected = Buffer.from(`filename="${name.replace(/"/g, "%22")}"`, "utf8");
    expect(upload.rawHead.includes(expected)).toBe(true);
    expect(upload.parts[0]?.fileName).toBe(name.replace(/"/g, "%22"));
    expect(upload.parts[0]?.mimeType).toBe("application/pdf");
  });

  it("sends a preview part with its own type and name", async () => {
    const photo = testBytes(200_000, 7);
    photo.set(signatures.jpeg.bytes.subarray(0, 64));
    const preview = signatures.webp.bytes;
    await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(photo, { fileName: "photo.jpg" }),
      preview: new BufferedInputFile(preview, { fileName: "preview.webp" }),
    });
    const parts = received[0]?.parts ?? [];
    expect(parts.map((p) => [p.field, p.fileName, p.mimeType])).toEqual([
      ["file", "photo.jpg", "image/jpeg"],
      ["preview", "preview.webp", "image/webp"],
    ]);
    expect(parts[0]?.data.equals(photo)).toBe(true);
    expect(parts[1]?.data.equals(preview)).toBe(true);
  });

  it("sends a sticker as sticker/webp with an image/webp copy as preview", async () => {
    const sticker = new BufferedInputFile(signatures.webp.bytes, { fileName: "cat.webp" });
    await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: sticker,
      preview: sticker.clone(),
      fileContentType: "sticker/webp",
    });
    const parts = received[0]?.parts ?? [];
    expect(parts.map((p) => [p.field, p.fileName, p.mimeType])).toEqual([
      ["file", "cat.webp", "sticker/webp"],
      ["preview", "cat.webp", "image/webp"],
    ]);
    expect(parts[0]?.data.equals(signatures.webp.bytes)).toBe(true);
    expect(parts[1]?.data.equals(signatures.webp.bytes)).toBe(true);
  });

  it("streams a URL input straight into the upload", async () => {
    const data = testBytes(1_000_000, 3);
    const source = await startServer({ "/files/report.bin": sendBytes(data) });
    try {
      await uploadFile({
        url: url(),
        uploadTaskId: "t",
        file: new URLInputFile(`${source.origin}/files/report.bin`),
      });
      expect(received[0]?.parts[0]?.fileName).toBe("report.bin");
      expect(received[0]?.parts[0]?.data.equals(data)).toBe(true);
    } finally {
      await source.close();
    }
  });

  it("streams 64 MiB pulling the source at most a bounded distance ahead of what the server read", async () => {
    // The 1 GiB upload with its memory figures is in the benchmark (`pnpm bench`); this proves the
    // mechanism: the source is pulled only as the server reads, whatever the timing.
    const MiB = 1024 * 1024;
    const size = 64 * MiB;
    let serverRead = 0;
    await server.close();
    server = await startServer({
      [UPLOAD_PATH]: async (req, res) => {
        for await (const chunk of req as AsyncIterable<Buffer>) {
          serverRead += chunk.byteLength;
          // Yield to the client between chunks, so that it can run ahead as far as it would.
          await new Promise(setImmediate);
        }
        res.writeHead(200).end(JSON.stringify({ temporalFileId: "big" }));
      },
    });
    const chunk = new Uint8Array(MiB);
    let pulled = 0;
    let furthestAhead = 0;
    async function* source() {
      for (let sent = 0; sent < size; sent += chunk.byteLength) {
        furthestAhead = Math.max(furthestAhead, pulled - serverRead);
        pulled += chunk.byteLength;
        yield chunk;
      }
    }
    const id = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new StreamInputFile(source(), {
        fileName: "big.bin",
        fileSize: size,
        mimeType: "application/x-test",
      }),
    });
    expect(id).toBe("big");
    expect(pulled).toBe(size);
    // The whole body arrived: the file plus the multipart framing (a few hundred bytes).
    expect(serverRead).toBeGreaterThan(size);
    expect(serverRead).toBeLessThan(size + 1024);
    // 8 MiB of read-ahead, a chunk, and the socket buffers of both ends; an encoder that buffered
    // the body would be the whole 64 MiB ahead before the server read its first byte.
    expect(furthestAhead).toBeGreaterThan(0);
    expect(furthestAhead).toBeLessThanOrEqual(32 * MiB);
  });

  it("reports progress up to the payload total", async () => {
    const file = new BufferedInputFile(testBytes(300_000), { fileName: "a.bin" });
    const preview = new BufferedInputFile(testBytes(1000), { fileName: "p.bin" });
    const seen: Array<[number, number]> = [];
    await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file,
      preview,
      onProgress: (s, t) => seen.push([s, t]),
    });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([301_000, 301_000]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.[0]).toBeGreaterThan(seen[i - 1]?.[0] ?? 0);
  });

  it.each([400, 413, 500])("turns HTTP %i into an UploadError carrying the status", async (status) => {
    answer = (_req, res) => {
      res.writeHead(status).end(JSON.stringify({ temporalFileId: "should-not-be-used" }));
    };
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toBeInstanceOf(TrueConfChatBotError);
    expect((error as UploadError).status).toBe(status);
  });

  it.each([
    ["an empty object", "{}"],
    ["a null id", '{"temporalFileId":null}'],
    ["an empty id", '{"temporalFileId":""}'],
    ["a numeric id", '{"temporalFileId":5}'],
    ["an over-long id", JSON.stringify({ temporalFileId: "x".repeat(201) })],
    ["not JSON", "<html>oops</html>"],
    ["JSON null", "null"],
  ])("rejects a 200 response with %s instead of handing on a bad id", async (_label, body) => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    };
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).status).toBe(200);
  });

  it("reports the status of a server that refuses before reading the whole body", async () => {
    await server.close();
    server = await startServer({
      [UPLOAD_PATH]: (req, res) => {
        res.writeHead(413, { connection: "close" }).end('{"error":"too large"}');
        req.resume();
      },
    });
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(8 * 1024 * 1024), { fileName: "big.bin" }),
      timeout: 5000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).status).toBe(413);
  });

  it("refuses an oversized response body instead of buffering it", async () => {
    answer = (_req, res) => {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(`{"temporalFileId":"${"x".repeat(100_000)}"}`);
    };
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as Error).message).toMatch(/larger than/);
  });

  it("fails with InputFileError when a stream yields fewer bytes than declared", async () => {
    async function* short() {
      yield new Uint8Array(10);
    }
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new StreamInputFile(short(), { fileName: "a.bin", fileSize: 20, mimeType: "application/x-test" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).toMatch(/yielded 10 bytes but its size was declared as 20/);
  });

  it("fails with InputFileError when a stream yields more bytes than declared", async () => {
    async function* long() {
      yield new Uint8Array(10);
      yield new Uint8Array(10);
    }
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new StreamInputFile(long(), { fileName: "a.bin", fileSize: 15, mimeType: "application/x-test" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
  });

  it("times out when the server never answers", async () => {
    await server.close();
    server = await startServer({
      [UPLOAD_PATH]: (req) => {
        req.resume();
      },
    });
    const started = Date.now();
    const error = await uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(100), { fileName: "a.bin" }),
      timeout: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransferTimeoutError);
    expect((error as TransferTimeoutError).timeout).toBe(300);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops when the signal aborts, with the signal's reason", async () => {
    await server.close();
    server = await startServer({
      [UPLOAD_PATH]: (req) => {
        req.resume();
      },
    });
    const controller = new AbortController();
    const pending = uploadFile({
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(100), { fileName: "a.bin" }),
      signal: controller.signal,
    });
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });

  it("turns a refused connection into an UploadError without a status", async () => {
    const origin = server.origin;
    await server.close();
    const error = await uploadFile({
      url: `${origin}${UPLOAD_PATH}`,
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).status).toBeNull();
    server = await startServer({});
  });

  it.each([
    ["a bad URL", { url: "not a url" }],
    ["an ftp URL", { url: "ftp://127.0.0.1/x" }],
    ["an empty task id", { uploadTaskId: "" }],
    ["a task id with a line break", { uploadTaskId: "a\r\nInjected: 1" }],
    ["a file that is not an InputFile", { file: new Uint8Array(3) }],
    ["a bad preview", { preview: "preview.png" }],
    ["a bad content type", { fileContentType: "sticker" }],
  ])("rejects %s with TransferOptionsError before sending anything", async (_label, override) => {
    const options = {
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
      ...override,
    };
    await expect(uploadFile(options as Parameters<typeof uploadFile>[0])).rejects.toBeInstanceOf(
      TransferOptionsError,
    );
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["a zero timeout", { timeout: 0 }, /Invalid timeout/],
    ["a timeout that looks like seconds", { timeout: 30 }, /30 ms looks like seconds/],
    ["a non-function progress", { onProgress: 5 }, /Invalid onProgress: expected a function, got a number/],
    ["a non-signal", { signal: {} }, /Invalid signal/],
    ["a dispatcher that is not one", { httpDispatcher: {} }, /Invalid httpDispatcher/],
    ["a bad verifySsl", { verifySsl: 42 }, /verifySsl must be/],
    [
      "the old dispatcher option",
      { dispatcher: {} },
      /unknown option "dispatcher" \(did you mean "httpDispatcher"\?\)/,
    ],
    ["a misspelt option", { onProgres: () => {} }, /did you mean "onProgress"/],
  ])("rejects %s with InvalidArgumentError before sending anything", async (_label, override, message) => {
    const options = {
      url: url(),
      uploadTaskId: "t",
      file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
      ...override,
    };
    const error = await uploadFile(options as Parameters<typeof uploadFile>[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toEqual([]);
  });

  it("rejects a missing options object with InvalidArgumentError", async () => {
    await expect(uploadFile(undefined as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(uploadFile("options" as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("rejects an already aborted signal before sending anything", async () => {
    const reason = new Error("already");
    await expect(
      uploadFile({
        url: url(),
        uploadTaskId: "t",
        file: new BufferedInputFile(testBytes(10), { fileName: "a.bin" }),
        signal: AbortSignal.abort(reason),
      }),
    ).rejects.toBe(reason);
    expect(server.requests).toEqual([]);
  });
});
