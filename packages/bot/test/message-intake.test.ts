import { describe, expect, it } from "vitest";
import { RecentIds } from "../src/recent-ids.js";
import { botFor, recordingDispatcher, startEmulator, waitFor } from "./support/world.js";

describe("RecentIds", () => {
  it("tells a repeat from a first delivery and forgets the oldest beyond its capacity", () => {
    const ids = new RecentIds(2);
    expect([ids.add("a"), ids.add("a"), ids.add("b"), ids.add("c"), ids.add("a")]).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe("skipSelfMessages: false", () => {
  it("lets the bot see the messages it wrote itself", async () => {
    const emu = await startEmulator();
    const { dp, seen } = recordingDispatcher();
    const texts = () => seen.get(emu.seeded!.p2pChatId) ?? [];
    const bot = await botFor(emu, { dispatcher: dp, skipSelfMessages: false });
    await bot.start();
    await bot.sendMessage({ chatId: emu.seeded!.p2pChatId, text: "mine" });
    await waitFor(() => texts().length === 1);
    expect(texts()).toEqual(["mine"]);
  });
});
