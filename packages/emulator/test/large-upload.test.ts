import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { upload } from "./support/multipart.js";
import { connectRawBot, type RawBot } from "./support/raw-bot.js";

// The 1 GiB run with its memory target is a benchmark (bench/large-upload.ts); this one proves the streamed path.
const MiB = 1024 * 1024;
const size = 64 * MiB;

let emu: Emulator;
let bot: RawBot;
beforeAll(async () => {
  emu = await Emulator.start();
  bot = await connectRawBot(emu);
});
afterAll(async () => {
  await bot.close();
  await emu.stop();
});

describe("streamed upload", () => {
  it("streams a 64 MiB upload from a generator into a file whose bytes are the ones sent", async () => {
    const chunk = randomBytes(MiB);
    const { uploadTaskId } = await bot.call("uploadFile", { fileName: "big.bin", fileSize: size });
    const result = await upload(emu, String(uploadTaskId), [
      {
        name: "file",
        filename: "big.bin",
        contentType: "application/octet-stream",
        size,
        data: async function* () {
          for (let i = 0; i < size / MiB; i += 1) yield chunk;
        },
      },
    ]);
    expect(result.status).toBe(200);
    const sent = await bot.call("sendFile", {
      chatId: emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] }),
      content: { temporalFileId: result.body.temporalFileId },
    });
    const info = await bot.call("getFileInfo", { fileId: sent.fileId });
    expect(info.size).toBe(size);
    const response = await fetch(String(info.downloadUrl));
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.byteLength).toBe(size);
    expect(Buffer.from(body.subarray(size - MiB)).equals(chunk)).toBe(true);
  }, 60_000);
});
