import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Emulator } from "@tc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSocket } from "./support/bot-socket.js";
import { testBytes } from "./support/http-server.js";

// Every code example of the README runs here, against the built package (`pnpm build` first), so that
// the README stays true.
const packageRoot = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
const examples = [...readme.matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const dist = pathToFileURL(join(packageRoot, "dist", "index.js")).href;
// The examples import undici as a user's project would; here it resolves to this package's copy.
const undici = pathToFileURL(createRequire(join(packageRoot, "package.json")).resolve("undici")).href;

/** The example with its imports pointed at the built package and at undici, written to `dir`. */
async function writeRunnable(dir: string, name: string, example: string): Promise<string> {
  const runnable = example
    .replace('from "@tc/files"', `from ${JSON.stringify(dist)}`)
    .replace('from "undici"', `from ${JSON.stringify(undici)}`);
  const path = join(dir, name);
  await writeFile(path, runnable);
  return path;
}

/** Collapses runs of white space, since Node prints a long object over several lines. */
const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tc-files-readme-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("README examples", () => {
  it("are the two that this file runs", () => {
    expect(examples).toHaveLength(2);
  });

  it("runs the first as a script and prints what the README says", async () => {
    const example = examples.find((block) => block.includes("FileLimits.from")) as string;
    // What the example prints is written in it as whole-line comments under each console.log.
    const promised = example
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("// "))
      .map((line) => line.slice(3));
    expect(promised).toHaveLength(2);
    const script = await writeRunnable(dir, "example.mjs", example);
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: dir, timeout: 20_000 });
    expect(squeeze(stdout)).toBe(squeeze(promised.join(" ")));
  });

  describe("the second, against @tc/emulator", () => {
    let emu: Emulator;
    let bot: BotSocket;
    beforeAll(async () => {
      emu = await Emulator.start();
      bot = await BotSocket.connect(emu.wsUrl, emu.issueToken("bot"));
    });
    afterAll(async () => {
      await bot?.close();
      await emu?.stop();
    });

    it("uploads, sends and downloads a file through its own httpDispatcher", async () => {
      const example = examples.find((block) =>
        block.includes("export async function sendAndFetch"),
      ) as string;
      const module = (await import(pathToFileURL(await writeRunnable(dir, "send.mjs", example)).href)) as {
        sendAndFetch: (args: Record<string, unknown>) => Promise<string>;
      };
      const data = testBytes(300_000, 7);
      const path = join(dir, "report.bin");
      await writeFile(path, data);
      const chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
      const written = await module.sendAndFetch({
        request: (method: string, payload: Record<string, unknown>) => bot.request(method, payload),
        server: emu.httpUrl,
        chatId,
        path,
        destPath: join(dir, "downloads", "copy.bin"),
      });
      expect(written).toBe(join(dir, "downloads", "copy.bin"));
      expect((await readFile(written)).equals(data)).toBe(true);
    });
  });
});
