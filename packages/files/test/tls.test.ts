import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Agent, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BufferedInputFile,
  DownloadError,
  downloadFile,
  downloadToBuffer,
  InvalidArgumentError,
  UploadError,
  URLInputFile,
  uploadFile,
} from "../src/index.js";
import { sendBytes, startServer, type TestServer, testBytes } from "./support/http-server.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const caPath = join(fixtures, "localhost-cert.pem");
const ca = readFileSync(caPath, "utf8");
const data = testBytes(50_000, 4);

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tc-files-tls-"));
  server = await startServer(
    {
      "/file.bin": sendBytes(data),
      "/upload": (req, res) => {
        req.resume();
        req.on("end", () => res.writeHead(200).end('{"temporalFileId":"tls-id"}'));
      },
    },
    { key: readFileSync(join(fixtures, "localhost-key.pem")), cert: ca },
  );
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("verifySsl on every request", () => {
  it("rejects a self-signed certificate by default", async () => {
    await expect(
      downloadToBuffer({ url: `${server.origin}/file.bin`, maxBytes: 1e6 }),
    ).rejects.toBeInstanceOf(DownloadError);
    const upload = uploadFile({
      url: `${server.origin}/upload`,
      uploadTaskId: "t",
      file: new BufferedInputFile(data, { fileName: "a.bin" }),
    });
    await expect(upload).rejects.toBeInstanceOf(UploadError);
    await expect(new URLInputFile(`${server.origin}/file.bin`).describe()).rejects.toBeInstanceOf(
      DownloadError,
    );
    const streamed = new URLInputFile(`${server.origin}/file.bin`, { fileName: "f.bin", fileSize: 1 });
    await expect(streamed.stream()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(DownloadError);
    await expect(
      downloadFile({ url: `${server.origin}/file.bin`, destPath: join(dir, "refused.bin") }),
    ).rejects.toBeInstanceOf(DownloadError);
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["its CA as PEM text", () => ca],
    ["its CA file path", () => caPath],
    ["its CA as bytes", () => Buffer.from(ca)],
    ["TLS options", () => ({ ca })],
    ["verification switched off", () => false],
  ])("accepts it given %s", async (_label, verifySsl) => {
    const bytes = await downloadToBuffer({
      url: `${server.origin}/file.bin`,
      maxBytes: 1e6,
      verifySsl: verifySsl(),
    });
    expect(Buffer.from(bytes).equals(data)).toBe(true);
  });

  it("honours verifySsl for uploads, downloads to disk and URL inputs", async () => {
    const dest = join(dir, "f.bin");
    await downloadFile({ url: `${server.origin}/file.bin`, destPath: dest, verifySsl: ca });
    expect((await readFile(dest)).equals(data)).toBe(true);
    const file = new URLInputFile(`${server.origin}/file.bin`, { verifySsl: ca });
    const id = await uploadFile({ url: `${server.origin}/upload`, uploadTaskId: "t", file, verifySsl: ca });
    expect(id).toBe("tls-id");
  });

  it("fails with InvalidArgumentError for an unreadable CA file, before any request", async () => {
    const requestsBefore = server.requests.length;
    const error = await downloadToBuffer({
      url: `${server.origin}/file.bin`,
      maxBytes: 10,
      verifySsl: join(dir, "missing-ca.pem"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/cannot read the CA file/);
    expect(server.requests).toHaveLength(requestsBefore);
  });
});

describe("httpDispatcher", () => {
  /** An agent trusting the test CA that counts the requests it dispatches and whether it was closed. */
  function countingAgent() {
    const agent = new Agent({ connect: { ca } });
    const counts = { dispatched: 0 };
    const dispatch = agent.dispatch.bind(agent);
    agent.dispatch = (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
      counts.dispatched++;
      return dispatch(options, handler);
    };
    return { agent, counts };
  }

  it("sends every request of every transfer through the caller's dispatcher, left open", async () => {
    const { agent, counts } = countingAgent();
    try {
      const bytes = await downloadToBuffer({
        url: `${server.origin}/file.bin`,
        maxBytes: 1e6,
        httpDispatcher: agent,
      });
      expect(Buffer.from(bytes).equals(data)).toBe(true);
      await downloadFile({
        url: `${server.origin}/file.bin`,
        destPath: join(dir, "d.bin"),
        httpDispatcher: agent,
      });
      const file = new URLInputFile(`${server.origin}/file.bin`, { httpDispatcher: agent });
      const id = await uploadFile({
        url: `${server.origin}/upload`,
        uploadTaskId: "t",
        file,
        httpDispatcher: agent,
      });
      expect(id).toBe("tls-id");
      // Two downloads, the URL input's describe() and its read for the upload, and the upload itself.
      expect(counts.dispatched).toBe(5);
      expect(agent.closed).toBe(false);
      expect(agent.destroyed).toBe(false);
    } finally {
      await agent.close();
    }
  });

  it("takes precedence over verifySsl, which is then not read", async () => {
    const { agent } = countingAgent();
    try {
      const bytes = await downloadToBuffer({
        url: `${server.origin}/file.bin`,
        maxBytes: 1e6,
        httpDispatcher: agent,
        verifySsl: join(dir, "never-read-ca.pem"),
      });
      expect(bytes.byteLength).toBe(data.byteLength);
    } finally {
      await agent.close();
    }
  });
});
