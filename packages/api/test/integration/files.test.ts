import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BufferedInputFile, FSInputFile } from "@tc/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChangedFileUploadLimits,
  DownloadError,
  EditedChatAvatar,
  FileSizeTooLargeError,
  InvalidFileExtensionError,
  Message,
  UploadError,
} from "../../src/index.js";
import { type Connected, connect, isA } from "./connect.js";

let world: Connected;
let dir: string;
beforeAll(async () => {
  world = await connect();
  dir = await mkdtemp(join(tmpdir(), "tc-api-files-"));
});
afterAll(async () => {
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

function chatWithAlice(): string {
  return world.emu.createChat({ type: "group", title: "Files", owner: "bot", participants: ["alice"] });
}

/** The wire methods the bot sent since `from` (an index into the emulator's request log). */
function methodsSince(from: number): string[] {
  return world.emu
    .requests()
    .slice(from)
    .map((r) => (r.frame as { method: string }).method);
}

describe("sending files over the real upload endpoint", () => {
  it("sendDocument: limits fetched once, uploadFile → HTTP → sendFile, bytes arrive exactly", async () => {
    const { api, emu } = world;
    const chatId = chatWithAlice();
    const data = randomBytes(300_000);
    const from = emu.requests().length;
    const res = await api.sendDocument({
      chatId,
      file: new BufferedInputFile(data, { fileName: "report.bin" }),
      caption: "**Q1** report",
      parseMode: "markdown",
    });
    expect(methodsSince(from)).toEqual(["getFileUploadLimits", "uploadFile", "sendFile"]);
    const sendFile = emu.requests("sendFile").at(-1)?.frame as { payload: Record<string, unknown> };
    expect(sendFile.payload).toMatchObject({
      chatId,
      content: { caption: { text: "**Q1** report", parseMode: "markdown" } },
    });
    expect(sendFile.payload).not.toHaveProperty("replyMessageId");
    expect(res.chatId).toBe(chatId);
    expect(typeof res.fileId).toBe("string");
    const back = await api.downloadFileById(res.fileId as string);
    expect(Buffer.from(back).equals(data)).toBe(true);

    const again = emu.requests().length;
    await api.sendDocument({
      chatId,
      file: new BufferedInputFile(new Uint8Array([1]), { fileName: "one.txt" }),
    });
    expect(methodsSince(again)).toEqual(["uploadFile", "sendFile"]);
  });

  it("sendPhoto with a preview, replying; the message's photo has a preview URL", async () => {
    const { api } = world;
    const chatId = chatWithAlice();
    const { messageId: original } = await world.emu.as("alice").send(chatId, "send the chart");
    const image = randomBytes(5000);
    const res = await api.sendPhoto({
      chatId,
      file: new BufferedInputFile(image, { fileName: "chart.png", mimeType: "image/png" }),
      preview: new BufferedInputFile(randomBytes(100), { fileName: "chart.webp", mimeType: "image/webp" }),
      replyMessageId: original,
    });
    const message = await api.getMessageById({ messageId: res.messageId });
    expect(message.replyMessageId).toBe(original);
    expect(message.photo?.name).toBe("chart.png");
    expect(await message.photo?.previewUrl()).toMatch(/^http/);
    expect(await message.photo?.url()).toMatch(/^http/);
    expect(Buffer.from((await message.photo?.download()) as Uint8Array).equals(image)).toBe(true);
  });

  it("sendSticker uploads image/webp as sticker/webp; other types are refused before sending", async () => {
    const { api, emu } = world;
    const chatId = chatWithAlice();
    const webp = randomBytes(800);
    const res = await api.sendSticker({
      chatId,
      file: new BufferedInputFile(webp, { fileName: "ok.webp", mimeType: "image/webp" }),
    });
    const info = await api.getFileInfo({ fileId: res.fileId as string });
    expect(info.mimeType).toBe("sticker/webp");
    const message = await api.getMessageById({ messageId: res.messageId });
    expect(message.sticker).toBeDefined();
    expect(message.document).toBeUndefined();
    const sent = emu.requests("sendFile").at(-1)?.frame as { payload: { content: Record<string, unknown> } };
    expect(sent.payload.content).not.toHaveProperty("caption");
    const before = emu.requests("uploadFile").length;
    await expect(
      api.sendSticker({
        chatId,
        file: new BufferedInputFile(webp, { fileName: "x.png", mimeType: "image/png" }),
      }),
    ).rejects.toThrow(/image\/webp/);
    expect(emu.requests("uploadFile").length).toBe(before);
  });

  it("editChatAvatar uploads the image and the chat gets an avatar", async () => {
    const { api, emu, nextEvent } = world;
    const chatId = chatWithAlice();
    expect(
      await api.editChatAvatar({
        chatId,
        file: new BufferedInputFile(randomBytes(64), { fileName: "logo.png", mimeType: "image/png" }),
      }),
    ).toEqual({});
    const event = await nextEvent(isA(EditedChatAvatar, (e) => e.chatId === chatId));
    expect((await api.getChatById({ chatId })).avatarUrl).toBe(event.avatarUrl);
    expect(emu.requests("editChatAvatar").length).toBeGreaterThan(0);
  });

  it("a file from disk goes up and comes back to disk byte-exact", async () => {
    const { api } = world;
    const chatId = chatWithAlice();
    const source = join(dir, "source.bin");
    const data = randomBytes(200_000);
    await writeFile(source, data);
    const res = await api.sendDocument({ chatId, file: new FSInputFile(source) });
    const dest = join(dir, "copy.bin");
    expect(await api.downloadFileById(res.fileId as string, { destPath: dest })).toContain("copy.bin");
    expect((await readFile(dest)).equals(data)).toBe(true);
  });
});

describe("failures are typed and nothing is sent", () => {
  it("a failed HTTP upload is an UploadError and sendFile is never sent", async () => {
    const { api, emu } = world;
    const chatId = chatWithAlice();
    const before = emu.requests("sendFile").length;
    emu.faults.failUploads({ status: 500 });
    try {
      await expect(
        api.sendDocument({ chatId, file: new BufferedInputFile(randomBytes(10), { fileName: "a.txt" }) }),
      ).rejects.toBeInstanceOf(UploadError);
    } finally {
      emu.faults.reset();
    }
    expect(emu.requests("sendFile").length).toBe(before);
  });

  it("pushed limits are checked before any upload", async () => {
    const { api, emu, nextEvent } = world;
    const chatId = chatWithAlice();
    emu.setUploadLimits({ maxSize: 100, extensions: { mode: "allow", list: ["txt"] } });
    await nextEvent(isA(ChangedFileUploadLimits, (e) => e.maxSize === 100));
    const before = emu.requests("uploadFile").length;
    await expect(
      api.sendDocument({ chatId, file: new BufferedInputFile(randomBytes(101), { fileName: "a.txt" }) }),
    ).rejects.toBeInstanceOf(FileSizeTooLargeError);
    await expect(
      api.sendPhoto({ chatId, file: new BufferedInputFile(randomBytes(10), { fileName: "a.png" }) }),
    ).rejects.toBeInstanceOf(InvalidFileExtensionError);
    await expect(
      api.editChatAvatar({ chatId, file: new BufferedInputFile(randomBytes(10), { fileName: "a.png" }) }),
    ).rejects.toBeInstanceOf(InvalidFileExtensionError);
    expect(emu.requests("uploadFile").length).toBe(before);
    emu.setUploadLimits({ maxSize: null, extensions: null });
    await nextEvent(isA(ChangedFileUploadLimits, (e) => e.maxSize === null));
  });

  it("a truncated download is a DownloadError", async () => {
    const { api, emu } = world;
    const chatId = chatWithAlice();
    const { fileId } = await emu.as("alice").sendFile(chatId, { name: "t.bin", data: randomBytes(5000) });
    emu.faults.truncateDownloads(100);
    try {
      await expect(api.downloadFileById(fileId)).rejects.toBeInstanceOf(DownloadError);
    } finally {
      emu.faults.reset();
    }
  });
});

describe("downloading what humans send", () => {
  it("message.document.download() from a push, byte-exact", async () => {
    const { emu, nextEvent } = world;
    const chatId = chatWithAlice();
    const data = randomBytes(70_000);
    await emu.as("alice").sendFile(chatId, { name: "trace.log", data, mimeType: "text/plain" });
    const message = await nextEvent(isA(Message, (m) => m.chatId === chatId && m.document !== undefined));
    expect(message.document).toMatchObject({ name: "trace.log", size: 70_000, mimeType: "text/plain" });
    expect(Buffer.from(await (message.document?.download() as Promise<Uint8Array>)).equals(data)).toBe(true);
  });

  it("a file that finishes uploading later: progress registered, subscribed, awaited, unsubscribed, downloaded", async () => {
    const { api, emu } = world;
    const chatId = chatWithAlice();
    const data = randomBytes(40_000);
    const { fileId } = await emu.as("alice").sendFile(chatId, { name: "late.bin", data, ready: false });
    expect((await api.getFileInfo({ fileId })).downloadUrl).toBeNull();
    const download = api.downloadFileById(fileId);
    await emu.waitForRequest("subscribeFileProgress", { timeout: 3_000 });
    emu.finishUpload(fileId, { steps: 3 });
    const bytes = await download;
    expect(Buffer.from(bytes).equals(data)).toBe(true);
    const order = emu
      .requests()
      .map((r) => r.frame as { method: string; payload?: { fileId?: string } })
      .filter((f) => f.payload?.fileId === fileId && f.method.endsWith("FileProgress"))
      .map((f) => f.method);
    expect(order).toEqual(["subscribeFileProgress", "unsubscribeFileProgress"]);
  });

  it("a file that never finishes fails with FileNotReadyError within the wait, and unsubscribes", async () => {
    const { api, emu } = world;
    const chatId = chatWithAlice();
    const { fileId } = await emu
      .as("alice")
      .sendFile(chatId, { name: "stuck.bin", data: randomBytes(10), ready: false });
    const started = Date.now();
    await expect(api.downloadFileById(fileId, { timeout: 300 })).rejects.toMatchObject({
      name: "FileNotReadyError",
      fileId,
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    await emu.waitFor(() =>
      emu
        .requests("unsubscribeFileProgress")
        .some((r) => (r.frame as { payload: { fileId: string } }).payload.fileId === fileId),
    );
  });
});
