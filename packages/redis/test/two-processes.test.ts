import { Emulator } from "@tc/emulator";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ReplicaProcess } from "./support/replicas.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe("two bot processes", () => {
  it("share one FSM conversation: started on process A, finished on process B", async () => {
    const emu = await Emulator.start();
    cleanups.push(() => emu.stop());
    const chatId = emu.seeded?.p2pChatId ?? "";
    const config = {
      emulatorPort: emu.port,
      redisUrl: inject("redisUrl"),
      mode: "form",
      lockTtl: 5_000,
    } as const;
    const answers = () =>
      emu
        .messages(chatId)
        .filter((m) => (m.author as { id: string }).id.startsWith("bot@"))
        .map((m) => (m.content as { text?: string }).text);
    const answered = (text: string) => emu.waitFor(() => answers().includes(text), { timeout: 15_000 });

    const a = await ReplicaProcess.start({ ...config, name: "A" });
    cleanups.push(() => a.kill());
    await emu.as("alice").send(chatId, "/start");
    await answered("[A] What is your name?");
    await emu.as("alice").send(chatId, "Ann");
    await answered("[A] How old are you?");
    await a.stop();

    const b = await ReplicaProcess.start({ ...config, name: "B" });
    cleanups.push(() => b.kill());
    await emu.as("alice").send(chatId, "30");
    await answered("[B] Nice to meet you, Ann (30).");
    await b.stop();
    expect(answers()).toEqual([
      "[A] What is your name?",
      "[A] How old are you?",
      "[B] Nice to meet you, Ann (30).",
    ]);
  });
});
