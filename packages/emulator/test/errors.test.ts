import { describe, expect, it } from "vitest";
import * as entry from "../src/index.js";
import {
  Emulator,
  EmulatorConfigError,
  EmulatorError,
  WaitTimeoutError,
  WorldRequestError,
} from "../src/index.js";

/**
 * The SDK's base error recognises its instances across copies by this global brand (see the core package). It is
 * restated here instead of imported because the emulator must not depend on any SDK package.
 */
const sdkBrand = Symbol.for("@tc/TrueConfChatBotError");
class SdkBrandedError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[sdkBrand] === true
    );
  }
}

describe("emulator errors", () => {
  it("share the EmulatorError base and are not SDK errors", async () => {
    const config = await Emulator.start({ port: -1 }).catch((error: unknown) => error);
    const emu = await Emulator.start();
    try {
      const timeout = await emu.waitFor(() => false, { timeout: 1 }).catch((error: unknown) => error);
      const refusal = await emu
        .as("bob")
        .send(emu.seeded?.groupChatId ?? "", "let me in")
        .catch((error: unknown) => error);
      expect(config).toBeInstanceOf(EmulatorConfigError);
      expect(timeout).toBeInstanceOf(WaitTimeoutError);
      expect(refusal).toBeInstanceOf(WorldRequestError);
      for (const error of [config, timeout, refusal]) {
        expect(error).toBeInstanceOf(EmulatorError);
        expect(error).toBeInstanceOf(Error);
        expect(error instanceof SdkBrandedError).toBe(false);
        expect((error as Record<symbol, unknown>)[sdkBrand]).toBeUndefined();
      }
      expect((config as Error).name).toBe("EmulatorConfigError");
      expect(Object.keys(entry)).not.toContain("TrueConfChatBotError");
    } finally {
      await emu.stop();
    }
  });
});
