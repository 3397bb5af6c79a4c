import { describe, expect, it } from "vitest";
import { UnsupportedServerVersionError } from "../src/index.js";
import { botFor, captureLog, startEmulator } from "./support/world.js";

describe("the start-up server version check", () => {
  it("refuses an unsupported server with a typed error, before connecting", async () => {
    const emu = await startEmulator({ serverVersion: "5.4.1" });
    const bot = await botFor(emu);
    await expect(bot.start()).rejects.toBeInstanceOf(UnsupportedServerVersionError);
    expect(emu.sessions).toHaveLength(0);
  });

  it("goes on with a warning when the version cannot be read", async () => {
    const emu = await startEmulator({ serverVersion: "next" });
    const log = captureLog();
    const bot = await botFor(emu, { logger: log });
    await bot.start();
    expect(bot.healthCheck().authorized).toBe(true);
    expect(log.lines.some((line) => line.startsWith("warn") && line.includes("version"))).toBe(true);
  });
});
