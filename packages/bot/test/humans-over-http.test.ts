// A bot built with this SDK connects to the emulator while the humans act from another process, over the
// emulator's HTTP control API only: what a bot author does with the playground or with a test tool in another
// language.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Dispatcher, F, Router } from "../src/index.js";
import { botFor, startEmulator } from "./support/world.js";

describe("humans over the HTTP control API, from another process", () => {
  it("talk to a bot that connected with the SDK", async () => {
    const emu = await startEmulator();
    const router = new Router();
    router.message(F.text, (message) => message.answer(`pong to ${message.text}`, { parseMode: "html" }));
    const dp = new Dispatcher();
    dp.includeRouter(router);
    const bot = await botFor(emu, { dispatcher: dp });
    await bot.start();

    const script = new URL("./fixtures/humans-over-http.mjs", import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [script, String(emu.controlApiUrl)]);
    const { answer } = JSON.parse(stdout) as { answer: { text: string; parseMode: string } };
    expect(answer).toMatchObject({ text: "pong to <b>ping</b>", parseMode: "html" });
  });
});
