import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator } from "@tc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BufferedInputFile,
  DownloadError,
  downloadFile,
  downloadToBuffer,
  type InputFile,
  UploadError,
  uploadFile,
} from "../src/index.js";
import { BotSocket } from "./support/bot-socket.js";
import { testBytes } from "./support/http-server.js";
import { signatures } from "./support/signatures.js";

let emu: Emulator;
let bot: BotSocket;
let chatId: string;

beforeAll(async () => {
  emu = await Emulator.start();
  bot = await BotSocket.connect(emu.wsUrl, emu.issueToken("bot"));
  chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
});

afterAll(async () => {
  await bot?.close();
  await emu?.stop();
});

const uploadUrl = () => `${emu.httpUrl}/bridge/api/client/v1/files`;

/** uploadFile (WS) → multipart upload (this package) → sendFile (WS) → getFileInfo (WS). */
async function send(file: InputFile, extra: { preview?: InputFile; fileContentType?: string } = {}) {
  const { fileName, fileSize } = await file.describe();
  const task = await bot.request("uploadFile", { fileName, fileSize });
  const temporalFileId = await uploadFile({
    url: uploadUrl(),
    uploadTaskId: String(task.uploadTaskId),
    file,
    ...extra,
    timeout: 5000,
  });
  const sent = await bot.request("sendFile", { chatId, content: { temporalFileId } });
  return bot.request("getFileInfo", { fileId: sent.fileId });
}

describe("round trip through @tc/emulator", () => {
  it.each([
    ["0 B", 0],
    ["1 B", 1],
    ["3 MB", 3 * 1024 * 1024 + 3],
  ])("uploads and downloads %s byte-exactly", async (_label, size) => {
    const data = testBytes(size, size + 5);
    const info = await send(new BufferedInputFile(data, { fileName: "payload.bin" }));
    expect(info).toMatchObject({ name: "payload.bin", size });
    const bytes = await downloadToBuffer({ url: String(info.downloadUrl), maxBytes: 10 * 1024 * 1024 });
    expect(Buffer.from(bytes).equals(data)).toBe(true);
  });

  it("downloads a stored file to disk", async () => {
    const data = testBytes(2 * 1024 * 1024, 21);
    const info = await send(new BufferedInputFile(data, { fileName: "disk.bin" }));
    const dir = await mkdtemp(join(tmpdir(), "tc-files-emu-"));
    try {
      const path = await downloadFile({ url: String(info.downloadUrl), destPath: join(dir, "disk.bin") });
      expect((await readFile(path)).equals(data)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps a non-ASCII file name", async () => {
    const name = "Годовой отчёт 2025 — 日本.pdf";
    const info = await send(new BufferedInputFile(signatures.pdf.bytes, { fileName: name }));
    expect(info).toMatchObject({ name, mimeType: "application/pdf" });
  });

  it("uploads a photo with a preview and a sticker with its WebP copy", async () => {
    const photo = await send(new BufferedInputFile(signatures.jpeg.bytes, { fileName: "photo.jpg" }), {
      preview: new BufferedInputFile(signatures.webp.bytes, { fileName: "preview.webp" }),
    });
    expect(photo).toMatchObject({ mimeType: "image/jpeg" });
    expect(photo.previews).toHaveLength(1);
    const photoBytes = await downloadToBuffer({ url: String(photo.downloadUrl), maxBytes: 1_000_000 });
    expect(Buffer.from(photoBytes).equals(signatures.jpeg.bytes)).toBe(true);
    const sticker = new BufferedInputFile(signatures.webp.bytes, { fileName: "cat.webp" });
    const info = await send(sticker, { preview: sticker.clone(), fileContentType: "sticker/webp" });
    expect(info).toMatchObject({ mimeType: "sticker/webp" });
    const stickerBytes = await downloadToBuffer({ url: String(info.downloadUrl), maxBytes: 1_000_000 });
    expect(Buffer.from(stickerBytes).equals(signatures.webp.bytes)).toBe(true);
  });

  it("surfaces an upload failure as UploadError with its status", async () => {
    emu.faults.failUploads({ status: 500 });
    try {
      const task = await bot.request("uploadFile", { fileName: "a.bin", fileSize: 3 });
      const error = await uploadFile({
        url: uploadUrl(),
        uploadTaskId: String(task.uploadTaskId),
        file: new BufferedInputFile(Uint8Array.of(1, 2, 3), { fileName: "a.bin" }),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UploadError);
      expect((error as UploadError).status).toBe(500);
    } finally {
      emu.faults.reset();
    }
  });

  it("refuses a truncated download", async () => {
    const info = await send(new BufferedInputFile(testBytes(100_000), { fileName: "t.bin" }));
    emu.faults.truncateDownloads(1000);
    try {
      await expect(
        downloadToBuffer({ url: String(info.downloadUrl), maxBytes: 1_000_000, timeout: 5000 }),
      ).rejects.toBeInstanceOf(DownloadError);
    } finally {
      emu.faults.reset();
    }
  });
});
