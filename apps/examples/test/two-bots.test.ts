import { runBots } from "@tc/bot";
import { describe, expect, it } from "vitest";
import { emulatorConnection } from "../src/run-example.js";
import { createBots } from "../src/two-bots.js";
import { type Posted, settled, startEmulator } from "./support/conversation.js";

describe("two bots in one process (runBots)", () => {
  it("runs a support bot and an alerts bot side by side, each answering its own command, and stops both", async () => {
    const { emu, connection } = await startEmulator();
    const [support, alerts] = await createBots(connection, emulatorConnection(emu, "alerts"));
    const chat = emu.createChat({
      type: "group",
      title: "Ops",
      owner: "alice",
      participants: ["bot", "alerts"],
    });
    const authorized = [support, alerts].map(
      (bot) => new Promise((resolve) => bot.on("authorized", resolve)),
    );
    const running = runBots([support, alerts], { handleSignals: false });
    await Promise.all(authorized);

    const exchange = async (text: string) => {
      const before = emu.messages(chat).length;
      await emu.as("alice").send(chat, text);
      await emu.waitFor(() => emu.messages(chat).length > before + 1);
      await settled(emu, [support, alerts]);
      return (emu.messages(chat).slice(before + 1) as unknown as Posted[]).map((m) => [
        m.author.id,
        m.content.text,
      ]);
    };
    expect(await exchange("/help")).toEqual([
      [support.meId, "Support here: describe the problem and we will get back to you."],
    ]);
    expect(await exchange("/alert disk full")).toEqual([[alerts.meId, "ALERT: DISK FULL"]]);

    await Promise.all([support.shutdown({ deadline: 1_000 }), alerts.shutdown({ deadline: 1_000 })]);
    await running;
    expect(emu.sessions.some((s) => s.open)).toBe(false);
  });
});
