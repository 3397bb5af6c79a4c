import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type WorldFixture, worldFixture } from "./world-fixture.js";

async function upload(f: WorldFixture, name: string, bytes: Buffer, preview?: Buffer): Promise<string> {
  const { uploadTaskId } = f.ok("uploadFile", { fileSize: bytes.length, fileName: name });
  const task = f.world.uploadTask(uploadTaskId as string);
  expect(task).toEqual({ taskId: uploadTaskId, owner: f.bot, fileName: name, fileSize: bytes.length });
  const stored = await f.world.storeStream(Readable.from([bytes]), { name, mimeType: "text/plain" });
  const previewFile =
    preview &&
    (await f.world.storeStream(Readable.from([preview]), { name: "preview.webp", mimeType: "image/webp" }));
  return f.world.completeUpload(uploadTaskId as string, stored, previewFile);
}

describe("uploadFile and upload limits", () => {
  it("opens a task, and refuses files the limits reject with 310", () => {
    const f = worldFixture();
    expect(Object.keys(f.ok("uploadFile", { fileSize: 10, fileName: "a.txt" }))).toEqual(["uploadTaskId"]);
    f.world.setUploadLimits({ maxSize: 100, extensions: { mode: "block", list: [".EXE", "bat"] } });
    f.fails("uploadFile", { fileSize: 101, fileName: "a.txt" }, 310);
    f.fails("uploadFile", { fileSize: 1, fileName: "setup.exe" }, 310);
    f.fails("uploadFile", { fileSize: 1, fileName: "run.BAT" }, 310);
    f.ok("uploadFile", { fileSize: 100, fileName: "noext" });
    f.world.setUploadLimits({ maxSize: null, extensions: { mode: "allow", list: ["pdf"] } });
    f.ok("uploadFile", { fileSize: 10 ** 9, fileName: "big.pdf" });
    f.fails("uploadFile", { fileSize: 1, fileName: "noext" }, 310);
    f.fails("uploadFile", { fileSize: -1, fileName: "a.pdf" }, 300);
    f.fails("uploadFile", { fileSize: 1 }, 300);
  });

  it("answers getFileUploadLimits and pushes every change to every bot account", () => {
    const f = worldFixture();
    const other = f.world.addBot({ login: "second", password: "pw" }).userId;
    expect(f.ok("getFileUploadLimits", {})).toEqual({ maxSize: null, extensions: null });
    const limits = { maxSize: 52428800, extensions: { mode: "allow" as const, list: ["pdf", "png"] } };
    f.world.setUploadLimits(limits);
    expect(f.eventsOf("getFileUploadLimits")).toEqual([limits]);
    expect(f.eventsOf("getFileUploadLimits", other)).toEqual([limits]);
    expect(f.ok("getFileUploadLimits", {})).toEqual(limits);
    expect(() => f.world.setUploadLimits({ maxSize: -5, extensions: null })).toThrow(/maxSize/);
    expect(() =>
      f.world.setUploadLimits({ maxSize: null, extensions: { mode: "deny" as "allow", list: [] } }),
    ).toThrow(/extensions/);
  });
});

describe("sendFile, getFileInfo and downloads", () => {
  it("sends an attachment with caption and preview, describes it and serves both", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const temporalFileId = await upload(f, "log file.txt", Buffer.from("hello"), Buffer.from("webp!"));
    const sent = f.ok("sendFile", {
      chatId: p2pChatId,
      content: { temporalFileId, caption: { text: "the log", parseMode: "text" } },
    });
    expect(Object.keys(sent).sort()).toEqual(["chatId", "fileId", "messageId", "timestamp"]);
    expect(f.eventsOf("sendMessage").at(-1)).toMatchObject({
      type: 202,
      content: {
        name: "log file.txt",
        size: 5,
        fileId: sent.fileId,
        mimeType: "text/plain",
        readyState: 2,
        caption: { text: "the log" },
      },
    });
    const info = f.ok("getFileInfo", { fileId: sent.fileId });
    expect(info).toMatchObject({
      name: "log file.txt",
      size: 5,
      mimeType: "text/plain",
      readyState: 2,
      fileId: sent.fileId,
    });
    expect(info.downloadUrl).toBe(`http://127.0.0.1:4309/emulator/files/${sent.fileId}/log%20file.txt`);
    const previews = info.previews as { downloadUrl: string; name: string; size: number; mimeType: string }[];
    expect(previews).toEqual([
      { name: "preview.webp", size: 5, mimeType: "image/webp", downloadUrl: expect.any(String) },
    ]);
    const file = f.world.resolveDownload(new URL(info.downloadUrl as string).pathname);
    expect(await readFile(file?.path as string, "utf8")).toBe("hello");
    const preview = f.world.resolveDownload(new URL(previews[0]?.downloadUrl as string).pathname);
    expect(await readFile(preview?.path as string, "utf8")).toBe("webp!");
    expect(f.world.resolveDownload(`/emulator/files/${sent.fileId}/other.txt`)).toBeUndefined();
    expect(f.world.resolveDownload(`/emulator/files/${sent.fileId}/%E0%A4%A`)).toBeUndefined();
    expect(f.world.resolveDownload("/elsewhere")).toBeUndefined();
    await f.world.dispose();
    expect(existsSync(file?.path as string)).toBe(false);
  });

  it("names the id infoHash for older servers, and has no previews without one", async () => {
    const f = worldFixture({ fileInfoIdKey: "infoHash" });
    const temporalFileId = await upload(f, "a.txt", Buffer.from("a"));
    const { fileId } = f.ok("sendFile", { chatId: f.seeded.p2pChatId, content: { temporalFileId } });
    const info = f.ok("getFileInfo", { fileId });
    expect(info.infoHash).toBe(fileId);
    expect(info).not.toHaveProperty("fileId");
    expect(info.previews).toBeNull();
    await f.world.dispose();
  });

  it("refuses unknown, foreign and reused temporal ids (308) and checks the chat first", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const temporalFileId = await upload(f, "a.txt", Buffer.from("a"));
    f.fails("sendFile", { chatId: "nope", content: { temporalFileId } }, 304);
    f.fails("sendFile", { chatId: p2pChatId, content: {} }, 300);
    const other = f.world.addBot({ login: "other", password: "pw" }).userId;
    const shared = f.world.createChat({
      type: "group",
      title: "Both",
      owner: "alice",
      participants: [f.bot, other],
    });
    f.fails("sendFile", { chatId: shared, content: { temporalFileId } }, 308, other);
    const { fileId } = f.ok("sendFile", { chatId: p2pChatId, content: { temporalFileId } });
    f.fails("sendFile", { chatId: p2pChatId, content: { temporalFileId } }, 308);
    f.fails("getFileInfo", { fileId }, 308, other);
    f.fails("getFileInfo", { fileId: "nope" }, 308);
    f.fails("subscribeFileProgress", { fileId: "nope" }, 308);
    f.fails("unsubscribeFileProgress", { fileId: "nope" }, 308);
    expect(() =>
      f.world.completeUpload("no-task", { path: "/x", size: 0, name: "x", mimeType: "x" }),
    ).toThrow(/upload task/);
    await f.world.dispose();
  });

  it("keeps a file UPLOADING while readiness stalls, then progresses to READY for subscribers", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    f.world.stallReadiness(true);
    const temporalFileId = await upload(f, "big.bin", Buffer.alloc(1000, 7));
    const { fileId } = f.ok("sendFile", { chatId: p2pChatId, content: { temporalFileId } });
    expect(f.ok("getFileInfo", { fileId })).toMatchObject({ readyState: 1, downloadUrl: null });
    const info = f.ok("getFileInfo", { fileId });
    expect(info.downloadUrl).toBeNull();
    expect(f.world.resolveDownload(`/emulator/files/${fileId}/big.bin`)).toBeUndefined();
    expect(f.ok("subscribeFileProgress", { fileId })).toEqual({ result: true });
    f.world.finishUpload(fileId as string, { steps: 3 });
    expect(f.eventsOf("uploadFileProgress")).toEqual([
      { fileId, progress: 333 },
      { fileId, progress: 666 },
      { fileId, progress: 1000 },
    ]);
    expect(f.ok("getFileInfo", { fileId })).toMatchObject({
      readyState: 2,
      downloadUrl: expect.stringContaining(fileId as string),
    });
    expect(
      f.ok("getMessageById", { messageId: f.world.messages(p2pChatId).at(-1)?.messageId }).content,
    ).toMatchObject({ readyState: 2 });
    expect(f.ok("unsubscribeFileProgress", { fileId })).toEqual({ result: true });
    expect(f.ok("unsubscribeFileProgress", { fileId })).toEqual({ result: false });
    expect(() => f.world.finishUpload(fileId as string, { steps: 0 })).toThrow(/steps/);
    expect(() => f.world.finishUpload("nope")).toThrow(/no file/);
    await f.world.dispose();
  });

  it("removes a partly written file when the source stream fails", async () => {
    const f = worldFixture();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(f.world.storeStream(failing, { name: "cut.bin", mimeType: "x" })).rejects.toThrow(
      /connection reset/,
    );
    const stored = await f.world.storeStream(Readable.from([Buffer.from("ok")]), {
      name: "ok",
      mimeType: "x",
    });
    const { readdir } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    expect(await readdir(dirname(stored.path))).toHaveLength(1);
    await f.world.dispose();
  });

  it("streams a few MB into storage and counts the bytes", async () => {
    const f = worldFixture();
    const chunk = Buffer.alloc(64 * 1024, 1);
    const chunks = function* () {
      for (let i = 0; i < 48; i += 1) yield chunk;
    };
    const stored = await f.world.storeStream(Readable.from(chunks()), {
      name: "3mb.bin",
      mimeType: "application/octet-stream",
    });
    expect(stored.size).toBe(48 * 64 * 1024);
    expect((await readFile(stored.path)).length).toBe(stored.size);
    await f.world.dispose();
    await expect(
      f.world.storeStream(Readable.from([chunk]), { name: "late", mimeType: "x" }),
    ).rejects.toThrow(/disposed/);
  });
});
