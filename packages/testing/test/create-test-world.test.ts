import { Bot, Dispatcher, InvalidArgumentError } from "@tc/bot";
import { describe, expect, it } from "vitest";
import { createTestWorld, type TestBotOptions } from "../src/index.js";
import { recordingBot, recordingWorld } from "./support/echo-bot.js";

/** Whether something still listens on the port (the emulator of a world that failed must be stopped). */
async function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/api/v4/server`).then(
    () => true,
    () => false,
  );
}

describe("createTestWorld", () => {
  it("gives the factory the options that point a bot at the emulator, and starts the bot", async () => {
    let given: TestBotOptions | undefined;
    const world2 = await createTestWorld({
      bot: (options) => {
        given = options;
        return new Bot({ ...options, dispatcher: new Dispatcher() });
      },
    });
    try {
      expect(given).toEqual({
        server: "127.0.0.1",
        webPort: world2.emulator.port,
        https: false,
        tokenProvider: expect.any(Function),
        wsMaxDelay: 100,
      });
      expect(world2.bot.healthCheck().authorized).toBe(true);
      expect(world2.bot.meId).toBe("bot@emulator.local");
      expect(world2.botUserId).toBe("bot@emulator.local");
      expect(world2.emulator.sessions.filter((s) => s.authorized)).toHaveLength(1);
    } finally {
      await world2.close();
    }
  });

  it("takes a factory that returns a promise of the bot", async () => {
    const world = await createTestWorld({
      bot: async (options) => {
        await Promise.resolve();
        return recordingBot(options).bot;
      },
    });
    await world.user("alice").send("async");
    await world.user("alice").expectReply("async");
    await world.close();
  });

  it("adds users and named chats to the seeded world", async () => {
    const { world, recorded } = await recordingWorld(undefined, {
      users: ["dave", { login: "erin", displayName: "Erin Brown" }],
      chats: { ops: { type: "group", title: "Ops", owner: "dave", participants: ["bot", "erin"] } },
    });
    expect(Object.keys(world.chats).sort()).toEqual(["ops", "team"]);
    expect(world.chats.team).toBe(world.emulator.seeded?.groupChatId);
    expect(world.emulator.chat(world.chats.ops)?.title).toBe("Ops");
    await world.user("erin").in(world.chats.ops).send("hello ops");
    await world.user("erin").in(world.chats.ops).expectReply("hello ops");
    await world.user("dave").send("hi from dave");
    await world.user("dave").expectReply("hi from dave");
    expect(
      recorded.events.filter((e) => e.method === "sendMessage" && e.fromUserId !== world.botUserId),
    ).toHaveLength(2);
  });

  it("passes emulator options on", async () => {
    const { world } = await recordingWorld(undefined, { emulator: { serverName: "chat.test" } });
    expect(world.botUserId).toBe("bot@chat.test");
    expect(world.user("alice").userId).toBe("alice@chat.test");
  });

  it("refuses bad options before anything starts, with the option named", async () => {
    const bot = (options: TestBotOptions) => recordingBot(options).bot;
    await expect(createTestWorld({ bot, timeot: 100 } as never)).rejects.toThrow(
      new InvalidArgumentError('createTestWorld options: unknown option "timeot" (did you mean "timeout"?)'),
    );
    await expect(createTestWorld({} as never)).rejects.toThrow(/Invalid bot: expected a function/);
    await expect(createTestWorld(undefined as never)).rejects.toThrow(InvalidArgumentError);
    await expect(createTestWorld({ bot, emulator: { seed: false } } as never)).rejects.toThrow(
      /emulator options: unknown option "seed"/,
    );
    await expect(createTestWorld({ bot, timeout: -1 })).rejects.toThrow(/Invalid timeout/);
    await expect(createTestWorld({ bot, users: "dave" } as never)).rejects.toThrow(/Invalid users/);
    await expect(
      createTestWorld({ bot, chats: { team: { type: "group", owner: "alice" } } }),
    ).rejects.toThrow(/"team" is the seeded group chat/);
  });

  it("refuses a factory that returns no Bot, and stops the emulator it started", async () => {
    let port = 0;
    const error = await createTestWorld({
      bot: (options) => {
        port = options.webPort;
        return { start() {} } as never;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(String(error)).toMatch(/the bot factory must return a Bot .*, got object/);
    expect(await listening(port)).toBe(false);
  });

  it("throws the bot's own error when it cannot start, and stops the emulator", async () => {
    let port = 0;
    const failure = createTestWorld({
      bot: (options) => {
        port = options.webPort;
        const bot = recordingBot(options).bot;
        bot.start = () => Promise.reject(new Error("the bot refused to start"));
        return bot;
      },
    });
    await expect(failure).rejects.toThrow("the bot refused to start");
    expect(await listening(port)).toBe(false);
  });

  it("close() shuts the bot down, stops the emulator, and can be called again", async () => {
    const { world } = await recordingWorld();
    const port = world.emulator.port;
    await world.close();
    await world.close();
    expect(world.bot.healthCheck().status).toBe("stopped");
    expect(await listening(port)).toBe(false);
  });

  it("await using closes the world at the end of the block", async () => {
    let port = 0;
    {
      await using world = await createTestWorld({ bot: (options) => recordingBot(options).bot });
      port = world.emulator.port;
      expect(await listening(port)).toBe(true);
    }
    expect(await listening(port)).toBe(false);
  });
});
