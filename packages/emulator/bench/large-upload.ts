/**
 * Benchmark: a 1 GiB multipart upload into the emulator, from a generator (client and emulator in one process),
 * with the peak RSS growth against a 128 MiB target: the upload endpoint must stream to disk, never buffer.
 * Run with `pnpm bench` (after bench/run.ts) or `npx tsx bench/large-upload.ts` in this folder.
 */
import { randomBytes } from "node:crypto";
import { Emulator } from "../src/index.js";
import { upload } from "../test/support/multipart.js";
import { connectRawBot } from "../test/support/raw-bot.js";

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

const emu = await Emulator.start();
const bot = await connectRawBot(emu);
const chunk = randomBytes(MiB);
const { uploadTaskId } = await bot.call("uploadFile", { fileName: "huge.bin", fileSize: GiB });
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const started = performance.now();
const result = await upload(emu, String(uploadTaskId), [
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
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const seconds = (performance.now() - started) / 1000;
const growth = (peak - baseline) / MiB;
await bot.close();
await emu.stop();
console.log(
  `1 GiB upload into the emulator: HTTP ${result.status}, ${seconds.toFixed(1)} s (${(1024 / seconds).toFixed(0)} MiB/s), ` +
    `peak RSS growth ${growth.toFixed(1)} MiB (target ≤ 128 MiB: ${growth <= 128 ? "met" : "MISSED"})`,
);
