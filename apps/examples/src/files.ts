// The "Working with files" page: sending a document from memory, a photo with a preview and a sticker from
// disk, and downloading what a user sends.
import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bot, BufferedInputFile, Command, Dispatcher, F, FSInputFile, ParseMode, Router } from "@tc/bot";
import { type Connection, connectBot, isMain, runExample } from "./run-example.js";

/** Files the example sends, shipped next to it. */
const asset = (name: string) => fileURLToPath(new URL(`../assets/${name}`, import.meta.url));

/**
 * A file name from a sender, made safe to save under a folder: only its last part ("../../x" cannot leave the
 * folder), and "download" for a name that is nothing but dots.
 *
 * @example
 * safeFileName("../../etc/passwd"); // "passwd"
 */
export function safeFileName(name: string): string {
  const last = basename(name.replaceAll("\\", "/"));
  return /^\.*$/.test(last) ? "download" : last;
}

/** Options of the files bot. */
export interface FilesExampleOptions {
  /** Where documents users send are saved; default `./downloads`. */
  downloadDir?: string;
}

/**
 * Registers `/report`, `/photo`, `/sticker`, and handlers that download the documents and photos users send.
 *
 * @example
 * register(router, { downloadDir: "./inbox" });
 */
export function register(router: Router, options: FilesExampleOptions = {}): void {
  const downloadDir = options.downloadDir ?? "downloads";

  // BufferedInputFile: bytes already in memory (made on the fly here, as a report would be).
  router.message(Command("report"), async (message) => {
    const csv = new TextEncoder().encode("quarter,revenue\nQ1,100\nQ2,120\nQ3,90\nQ4,150\n");
    await message.answerDocument(new BufferedInputFile(csv, { fileName: "report.csv" }), {
      caption: "📄 Annual report for **2025**",
      parseMode: ParseMode.MARKDOWN,
    });
  });

  // FSInputFile: a file on disk; the preview is what the chat shows before the photo is opened.
  router.message(Command("photo"), (message) =>
    message.bot.sendPhoto({
      chatId: message.chatId,
      file: new FSInputFile(asset("chart.png")),
      preview: new FSInputFile(asset("chart-preview.webp")),
      caption: "This is my photo",
    }),
  );

  // A sticker is a WebP image.
  router.message(Command("sticker"), (message) => message.answerSticker(new FSInputFile(asset("cat.webp"))));

  // Downloading: to a file…
  router.message(F.document, async (message) => {
    await mkdir(downloadDir, { recursive: true });
    const path = await message.document.download({
      destPath: join(downloadDir, safeFileName(message.document.name)),
    });
    await message.answer(`Saved ${basename(path)} (${message.document.size} bytes)`, { parseMode: "text" });
  });

  // …or into memory, capped.
  router.message(F.photo, async (message) => {
    const bytes = await message.photo.download({ maxBytes: 10_000_000 });
    await message.answer(`Nice photo: ${bytes.byteLength} bytes`, { parseMode: "text" });
  });
}

/**
 * The files bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export async function createBot(connection: Connection, options: FilesExampleOptions = {}): Promise<Bot> {
  const router = new Router();
  register(router, options);
  const dp = new Dispatcher();
  dp.includeRouter(router);
  return connectBot(connection, { dispatcher: dp });
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
