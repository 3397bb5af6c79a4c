import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { upload } from "./support/multipart.js";
import { connectRawBot, type RawBot } from "./support/raw-bot.js";

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

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
  it("takes a 1 GiB upload without the memory growing with the file", async () => {
    const chunk = randomBytes(MiB);
    const { uploadTaskId } = await bot.call("uploadFile", { fileName: "huge.bin", fileSize: GiB });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    let result: Awaited<ReturnType<typeof upload>>;
    try {
      result = await upload(emu, String(uploadTaskId), [
        {
          name: "file",
          filename: "huge.bin",
          contentType: "application/octet-stream",
          size: GiB,
          data: async function* () {
            for (let i = 0; i < GiB / MiB; i += 1) yield chunk;
          },
        },
      ]);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = (performance.now() - started) / 1000;
    const growth = (peak - baseline) / MiB;
    console.log(
      `1 GiB upload: ${seconds.toFixed(1)} s (${(1024 / seconds).toFixed(0)} MiB/s), RSS growth ${growth.toFixed(1)} MiB (client and emulator in one process)`,
    );
    expect(result.status).toBe(200);
    expect(growth).toBeLessThan(128);
    const sent = await bot.call("sendFile", {
      chatId: emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] }),
      content: { temporalFileId: result.body.temporalFileId },
    });
    expect((await bot.call("getFileInfo", { fileId: sent.fileId })).size).toBe(GiB);
  }, 120_000);
});
