import { Bot, type BotOptions } from "@tc/bot";
import { describe, expectTypeOf, it } from "vitest";
import { type ChatMessage, createTestWorld, type TestBotOptions, type TestWorld } from "../../src/index.js";

const createBot = (options: BotOptions) => new Bot(options);

describe("createTestWorld types", () => {
  it("names the chats it was given, and the seeded team", async () => {
    const world = await createTestWorld({
      bot: createBot,
      chats: { ops: { type: "group", title: "Ops", owner: "alice", participants: ["bot"] } },
    });
    expectTypeOf(world.chats.ops).toEqualTypeOf<string>();
    expectTypeOf(world.chats.team).toEqualTypeOf<string>();
    // @ts-expect-error: no such chat
    void world.chats.nope;
    expectTypeOf(world).toEqualTypeOf<TestWorld<"ops">>();
  });

  it("takes a factory of BotOptions or of TestBotOptions, sync or async", () => {
    expectTypeOf(createTestWorld).toBeCallableWith({ bot: createBot });
    expectTypeOf(createTestWorld).toBeCallableWith({
      bot: async (options: TestBotOptions) => new Bot(options),
    });
    // @ts-expect-error: the factory must return a Bot
    void createTestWorld({ bot: () => 42 });
  });

  it("resolves replies as ChatMessage", async () => {
    const world = await createTestWorld({ bot: createBot });
    expectTypeOf(world.user("alice").expectReply("x")).resolves.toEqualTypeOf<ChatMessage>();
    expectTypeOf(
      world.user("alice").expectReply((m) => m.text === "x"),
    ).resolves.toEqualTypeOf<ChatMessage>();
  });
});
