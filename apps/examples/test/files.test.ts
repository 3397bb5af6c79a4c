import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBot, safeFileName } from "../src/files.js";
import { say, startEmulator, started, texts } from "./support/conversation.js";

const asset = (name: string) => readFile(new URL(`../assets/${name}`, import.meta.url));
let downloads = "";
afterEach(() => rm(downloads, { recursive: true, force: true }));

describe("safeFileName", () => {
  it("keeps only the last part of a path and refuses names made of dots", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("..\\..\\boot.ini")).toBe("boot.ini");
    expect(safeFileName("..")).toBe("download");
    expect(safeFileName("report.pdf")).toBe("report.pdf");
  });
});

describe("files both ways (Working with files)", () => {
  it("sends a document, a photo with its preview and a sticker, and downloads what a human sends", async () => {
    downloads = await mkdtemp(join(tmpdir(), "examples-files-"));
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection, { downloadDir: downloads }));
    const chat = emu.seeded!.p2pChatId;

    const [report] = await say(emu, bot, "alice", chat, "/report");
    expect(report?.content).toMatchObject({
      name: "report.csv",
      mimeType: "text/csv",
      caption: { text: "📄 Annual report for **2025**", parseMode: "markdown" },
    });
    const csv = await bot.downloadFileById(report!.content.fileId!);
    expect(new TextDecoder().decode(csv)).toMatch(/^quarter,revenue\nQ1,100\n/);

    const [photo] = await say(emu, bot, "alice", chat, "/photo");
    expect(photo?.content).toMatchObject({
      name: "chart.png",
      mimeType: "image/png",
      caption: { text: "This is my photo" },
    });
    const info = await bot.getFileInfo({ fileId: photo!.content.fileId! });
    expect(info.previews?.length).toBe(1);
    expect(Buffer.from(await bot.downloadFileById(photo!.content.fileId!))).toEqual(await asset("chart.png"));

    const [sticker] = await say(emu, bot, "alice", chat, "/sticker");
    expect(sticker?.content).toMatchObject({ name: "cat.webp", mimeType: "sticker/webp" });

    // A human sends documents (one named to escape the folder) and a photo.
    const data = new TextEncoder().encode("minutes of the meeting");
    const saved = await say(emu, bot, "alice", chat, {
      file: { name: "minutes.txt", data, mimeType: "text/plain" },
    });
    expect(texts(saved)).toEqual([`Saved minutes.txt (${data.byteLength} bytes)`]);
    expect(await readFile(join(downloads, "minutes.txt"), "utf8")).toBe("minutes of the meeting");
    const dots = await say(emu, bot, "alice", chat, { file: { name: "...", data, mimeType: "text/plain" } });
    expect(texts(dots)).toEqual([`Saved download (${data.byteLength} bytes)`]);
    expect(await readFile(join(downloads, "download"), "utf8")).toBe("minutes of the meeting");

    const png = await asset("chart.png");
    const got = await say(emu, bot, "alice", chat, {
      file: { name: "me.png", data: png, mimeType: "image/png" },
    });
    expect(texts(got)).toEqual([`Nice photo: ${png.byteLength} bytes`]);
  });
});
