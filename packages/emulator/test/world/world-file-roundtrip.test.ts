import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../src/index.js";
import { connectRawBot, type RawBot } from "../support/raw-bot.js";
import { download, uploadOverHttp } from "./http-files.js";
import { eventWhere } from "./wire-shape.js";

let emu: Emulator;
let bot: RawBot;
let chatId: string;
beforeAll(async () => {
  emu = await Emulator.start();
  bot = await connectRawBot(emu);
  chatId = emu.createChat({ type: "p2p", owner: "bot", participants: ["alice"] });
});
afterAll(async () => {
  await bot.close();
  await emu.stop();
});

describe("file round trip: uploadFile → HTTP upload with preview → sendFile → event → getFileInfo → download", () => {
  for (const size of [0, 1, 3 * 1024 * 1024 + 17]) {
    it(`keeps ${size} bytes byte-equal`, async () => {
      const data = randomBytes(size);
      const preview = randomBytes(64);
      const name = `report ${size}.bin`;
      const task = await bot.call("uploadFile", { fileSize: size, fileName: name });
      const uploaded = await uploadOverHttp(emu, task.uploadTaskId as string, { name, data, preview });
      expect(uploaded.status).toBeLessThan(300);
      const sent = await bot.call("sendFile", {
        chatId,
        content: { temporalFileId: uploaded.body.temporalFileId },
      });
      expect(sent.fileId).toEqual(expect.any(String));

      const event = await eventWhere(bot, "sendMessage", (p) => p.messageId === sent.messageId);
      expect(event.payload).toMatchObject({
        type: 202,
        content: { name, size, fileId: sent.fileId, mimeType: "application/octet-stream", readyState: 2 },
      });

      const info = await bot.call("getFileInfo", { fileId: sent.fileId });
      expect(info).toMatchObject({ name, size, readyState: 2, fileId: sent.fileId });
      const file = await download(info.downloadUrl as string);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-length")).toBe(String(size));
      expect(file.headers.get("content-type")).toBe("application/octet-stream");
      expect(file.headers.get("content-disposition")).toContain("attachment");
      expect(file.bytes.equals(data)).toBe(true);

      const [previewInfo] = info.previews as { downloadUrl: string; size: number; mimeType: string }[];
      expect(previewInfo).toMatchObject({ size: 64, mimeType: "image/webp" });
      const previewFile = await download(previewInfo?.downloadUrl as string);
      expect(previewFile.bytes.equals(preview)).toBe(true);
    });
  }

  it("a human's file that finishes uploading later: UPLOADING, progress events, then READY and downloadable", async () => {
    const data = randomBytes(40_000);
    const { fileId, messageId } = await emu
      .as("alice")
      .sendFile(chatId, { name: "site-photo.jpg", data, mimeType: "image/jpeg", ready: false });
    const event = await eventWhere(bot, "sendMessage", (p) => p.messageId === messageId);
    expect((event.payload as { content: { readyState: number } }).content.readyState).toBe(1);
    const pending = await bot.call("getFileInfo", { fileId });
    expect(pending).toMatchObject({ readyState: 1, downloadUrl: null });
    expect(await bot.call("subscribeFileProgress", { fileId })).toEqual({ result: true });
    emu.finishUpload(fileId, { steps: 4 });
    const progress: number[] = [];
    while (progress.at(-1) !== data.length) {
      const frame = await bot.nextEvent("uploadFileProgress", { timeout: 2000 });
      expect((frame.payload as { fileId: string }).fileId).toBe(fileId);
      progress.push((frame.payload as { progress: number }).progress);
    }
    expect(progress).toEqual([10_000, 20_000, 30_000, 40_000]);
    expect(await bot.call("unsubscribeFileProgress", { fileId })).toEqual({ result: true });
    const ready = await bot.call("getFileInfo", { fileId });
    expect(ready).toMatchObject({ readyState: 2, mimeType: "image/jpeg" });
    const file = await download(ready.downloadUrl as string);
    expect(file.bytes.equals(data)).toBe(true);
  });

  it("a bot's upload stays UPLOADING while readiness stalls, until finishUpload", async () => {
    emu.faults.stallReadiness(true);
    try {
      const data = randomBytes(1000);
      const task = await bot.call("uploadFile", { fileSize: data.length, fileName: "slow.bin" });
      const uploaded = await uploadOverHttp(emu, task.uploadTaskId as string, { name: "slow.bin", data });
      const sent = await bot.call("sendFile", {
        chatId,
        content: { temporalFileId: uploaded.body.temporalFileId },
      });
      expect(await bot.call("getFileInfo", { fileId: sent.fileId })).toMatchObject({
        readyState: 1,
        downloadUrl: null,
      });
      emu.finishUpload(sent.fileId as string, { steps: 1 });
      const ready = await bot.call("getFileInfo", { fileId: sent.fileId });
      expect((await download(ready.downloadUrl as string)).bytes.equals(data)).toBe(true);
    } finally {
      emu.faults.stallReadiness(false);
    }
  });
});
