import { readFile } from "node:fs/promises";
import { Bot } from "@tc/bot";
import { Emulator } from "@tc/emulator";
import { afterEach, describe, expect, inject, it } from "vitest";
import { RedisStorage } from "../src/index.js";
import * as examples from "./readme-examples.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** The `#region` bodies of the examples file, dedented, with the package's own import path. */
async function regions(): Promise<string[]> {
  const source = await readFile(new URL("./readme-examples.ts", import.meta.url), "utf8");
  return [...source.matchAll(/\/\/ #region (\w+)\n([\s\S]*?)\n\s*\/\/ #endregion \1/g)].map(([, , body]) =>
    (body ?? "").replace('from "../src/index.js";', 'from "@tc/redis";'),
  );
}

async function withBot(
  emu: Emulator,
  run: (connection: {
    server: string;
    token: string;
    https: false;
    webPort: number;
  }) => Promise<{ shutdown(): Promise<unknown> }>,
) {
  const bot = await run({
    server: "127.0.0.1",
    token: emu.issueToken("bot"),
    https: false,
    webPort: emu.port,
  });
  cleanups.push(() => bot.shutdown());
  return bot;
}

describe("README", () => {
  it("shows exactly the examples this test runs", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    expect(blocks).toEqual(await regions());
  });

  it("keeps forms in Redis and refuses a Date before writing it", async () => {
    const emu = await Emulator.start();
    cleanups.push(() => emu.stop());
    const dp = examples.formsInRedis(inject("redisUrl"));
    const bot = await withBot(emu, async (connection) => {
      const started = new Bot({ ...connection, dispatcher: dp });
      await started.start();
      return started;
    });
    const chatId = emu.seeded?.p2pChatId ?? "";
    await emu.as("alice").send(chatId, "hello");
    await emu.waitFor(() => emu.sessions.every((s) => s.pendingAcks === 0));
    await bot.shutdown();
    const storage = new RedisStorage({ redis: inject("redisUrl") });
    cleanups.push(() => storage.close());
    const alice = emu.seeded?.users.alice ?? "";
    const key = { botId: "bot@emulator.local", chatId, userId: alice, destiny: "default" };
    const data = await storage.getData(key);
    expect(data.last).toBe("hello");
    expect(typeof data.at).toBe("number");
  });

  it("runs replicas that count each user's messages together", async () => {
    const emu = await Emulator.start();
    cleanups.push(() => emu.stop());
    const redis = inject("redisUrl");
    await withBot(emu, (connection) => examples.runReplica(connection, redis));
    await withBot(emu, (connection) => examples.runReplica(connection, redis));
    const chatId = emu.createChat({ type: "group", owner: "bob", participants: ["bot"] });
    for (const text of ["one", "two", "three"]) await emu.as("bob").send(chatId, text);
    const answers = () =>
      emu
        .messages(chatId)
        .filter((m) => (m.author as { id: string }).id.startsWith("bot@"))
        .map((m) => (m.content as { text?: string }).text);
    await emu.waitFor(() => answers().length === 3);
    expect(answers()).toEqual([
      "Message 1 from you here",
      "Message 2 from you here",
      "Message 3 from you here",
    ]);
  });
});
