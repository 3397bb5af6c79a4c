import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { filePart, upload } from "./support/multipart.js";
import { connectRawBot, type RawBot, type WireFrame } from "./support/raw-bot.js";

let emu: Emulator;
let bot: RawBot;
let chatId: string;
beforeAll(async () => {
  emu = await Emulator.start();
  bot = await connectRawBot(emu);
  chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
});
afterEach(() => emu.faults.reset());
afterAll(async () => {
  await bot.close();
  await emu.stop();
});

async function uploadTask(fileName: string, fileSize: number): Promise<string> {
  const reply = await bot.call("uploadFile", { fileName, fileSize });
  expect(typeof reply.uploadTaskId).toBe("string");
  return String(reply.uploadTaskId);
}

async function download(url: string) {
  const res = await request(url);
  return { res, bytes: Buffer.from(await res.body.arrayBuffer()) };
}

/** uploadFile, the multipart POST and sendFile; returns the new file's id. */
async function sendUploaded(name: string, data: Buffer, preview?: Buffer): Promise<string> {
  const taskId = await uploadTask(name, data.length);
  const parts = [filePart(name, data, "text/plain")];
  if (preview !== undefined)
    parts.push({ ...filePart("preview.webp", preview, "image/webp"), name: "preview" });
  const uploaded = await upload(emu, taskId, parts);
  expect(uploaded.status).toBe(200);
  expect(typeof uploaded.body.temporalFileId).toBe("string");
  const sent = await bot.call("sendFile", {
    chatId,
    content: { temporalFileId: uploaded.body.temporalFileId },
  });
  expect(typeof sent.fileId).toBe("string");
  return String(sent.fileId);
}

async function roundTrip(name: string, data: Buffer, preview?: Buffer) {
  const fileId = await sendUploaded(name, data, preview);
  const info = await bot.call("getFileInfo", { fileId });
  expect(info).toMatchObject({ name, size: data.length, readyState: 2 });
  return info;
}

describe("file upload and download", () => {
  it.each([0, 1, 3 * 1024 * 1024])("round-trips %i bytes with equal bytes and headers", async (size) => {
    const data = randomBytes(size);
    const info = await roundTrip(`data-${size}.bin`, data);
    const { res, bytes } = await download(String(info.downloadUrl));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-length"]).toBe(String(size));
    expect(res.headers["content-type"]).toBe("text/plain");
    expect(bytes.equals(data)).toBe(true);
  });

  it("keeps a non-ASCII file name and announces it as UTF-8 filename*", async () => {
    const name = "отчёт 2026 ✓.txt";
    const info = await roundTrip(name, Buffer.from("привет"));
    expect(info.name).toBe(name);
    const { res } = await download(String(info.downloadUrl));
    const disposition = String(res.headers["content-disposition"]);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
  });

  it("stores a preview part and serves it", async () => {
    const preview = randomBytes(2048);
    const info = await roundTrip("photo.png", randomBytes(4096), preview);
    const previews = info.previews as { downloadUrl: string; size: number; mimeType: string }[];
    expect(previews).toHaveLength(1);
    expect(previews[0]).toMatchObject({ size: 2048, mimeType: "image/webp" });
    const { bytes } = await download(String(previews[0]?.downloadUrl));
    expect(bytes.equals(preview)).toBe(true);
  });

  it("delivers a human's file to the bot, downloadable by its fileId", async () => {
    const data = randomBytes(10_000);
    const { fileId } = await emu.as("alice").sendFile(chatId, { name: "from-alice.bin", data });
    const contentOf = (frame: WireFrame) => (frame.payload as { content: Record<string, unknown> }).content;
    // the bot's own earlier files come back as events too; take the one from Alice
    const event = await emu.waitFor(() => bot.events.find((frame) => contentOf(frame).fileId === fileId));
    expect(contentOf(event)).toMatchObject({ name: "from-alice.bin", size: 10_000 });
    expect(event.payload).toMatchObject({ author: { id: "alice@emulator.local", type: 1 }, type: 202 });
    const info = await bot.call("getFileInfo", { fileId });
    expect((await download(String(info.downloadUrl))).bytes.equals(data)).toBe(true);
  });
});

describe("upload refusals", () => {
  it("400 without Upload-Task-Id, 404 for an unknown task", async () => {
    const part = filePart("a.txt", Buffer.from("a"));
    expect(await upload(emu, undefined, [part])).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
    expect((await upload(emu, "no-such-task", [part])).status).toBe(404);
  });

  it("400 for a body that is not multipart and for a form without a file part", async () => {
    const taskId = await uploadTask("a.txt", 1);
    const res = await request(`${emu.httpUrl}/bridge/api/client/v1/files`, {
      method: "POST",
      headers: { "upload-task-id": taskId, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
    const onlyPreview = { ...filePart("p.webp", Buffer.from("p")), name: "preview" };
    expect(await upload(emu, taskId, [onlyPreview])).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
  });

  it("413 while streaming when more bytes arrive than declared, 400 when fewer do", async () => {
    const bigger = await uploadTask("a.bin", 1000);
    expect((await upload(emu, bigger, [filePart("a.bin", randomBytes(200_000))])).status).toBe(413);
    const smaller = await uploadTask("b.bin", 1000);
    expect(await upload(emu, smaller, [filePart("b.bin", randomBytes(10))])).toMatchObject({
      status: 400,
      body: { error: "size_mismatch" },
    });
  });

  it("survives a client that disconnects mid-upload; the task can be retried", async () => {
    const data = randomBytes(64 * 1024);
    const taskId = await uploadTask("cut.bin", data.length);
    const socket = connect(emu.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const boundary = "cut-boundary";
    socket.write(
      `POST /bridge/api/client/v1/files HTTP/1.1\r\nHost: x\r\nUpload-Task-Id: ${taskId}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${data.length + 500}\r\n\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.bin"\r\n\r\n`,
    );
    socket.write(data.subarray(0, 1000));
    socket.destroy();
    const retried = await upload(emu, taskId, [filePart("cut.bin", data)]);
    expect(retried.status).toBe(200);
  });

  it("403 when the upload limits changed after uploadFile reject the file", async () => {
    const taskId = await uploadTask("tool.exe", 10);
    emu.setUploadLimits({ maxSize: null, extensions: { mode: "block", list: ["exe"] } });
    try {
      expect(await upload(emu, taskId, [filePart("tool.exe", randomBytes(10))])).toMatchObject({
        status: 403,
        body: { error: "upload_rejected" },
      });
    } finally {
      emu.setUploadLimits({ maxSize: null, extensions: null });
    }
  });

  it("failUploads answers every upload with the chosen status", async () => {
    emu.faults.failUploads({ status: 507 });
    const taskId = await uploadTask("a.txt", 1);
    expect(await upload(emu, taskId, [filePart("a.txt", Buffer.from("a"))])).toMatchObject({
      status: 507,
      body: { error: "upload_failed" },
    });
  });
});

describe("download faults and readiness", () => {
  it("truncateDownloads cuts the body short while Content-Length promises it all", async () => {
    const info = await roundTrip("cut.txt", randomBytes(100_000));
    emu.faults.truncateDownloads(1000);
    const res = await request(String(info.downloadUrl));
    expect(res.headers["content-length"]).toBe("100000");
    await expect(res.body.arrayBuffer()).rejects.toThrow();
  });

  it("stallReadiness keeps a sent file UPLOADING until finishUpload, with progress to subscribers", async () => {
    emu.faults.stallReadiness(true);
    const fileId = await sendUploaded("slow.bin", randomBytes(1000));
    const pending = await bot.call("getFileInfo", { fileId });
    expect(pending.readyState).toBe(1);
    expect(pending.downloadUrl ?? null).toBeNull();
    expect((await bot.call("subscribeFileProgress", { fileId })).result).toBe(true);
    await emu.finishUpload(fileId, { steps: 2 });
    const progress = await bot.nextEvent("uploadFileProgress");
    expect(progress.payload).toMatchObject({ fileId });
    const ready = await bot.call("getFileInfo", { fileId });
    expect(ready.readyState).toBe(2);
    expect(typeof ready.downloadUrl).toBe("string");
  });
});
