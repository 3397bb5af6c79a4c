import { describe, expect, it } from "vitest";
import {
  FSMContext,
  FSMStrategy,
  FsmRuntime,
  KeyBuilder,
  MemoryStorage,
  type Storage,
} from "../../src/fsm/index.js";

const inChat1 = { chatId: "chat-1", fromUserId: "alice@srv" };
const inChat2 = { chatId: "chat-2", fromUserId: "alice@srv" };

describe("FsmRuntime keys", () => {
  it("keys user in chat by default", () => {
    const fsm = new FsmRuntime();
    expect(fsm.strategy).toBe(FSMStrategy.USER_IN_CHAT);
    expect({ ...fsm.keyFor(inChat1, "bot@srv") }).toEqual({
      botId: "bot@srv",
      chatId: "chat-1",
      userId: "alice@srv",
      destiny: "default",
    });
  });

  it("shares one record per chat under CHAT and per user under GLOBAL_USER", () => {
    const chat = new FsmRuntime({ strategy: FSMStrategy.CHAT });
    expect(chat.keyFor(inChat1, "bot")).toMatchObject({ chatId: "chat-1", userId: "chat-1" });
    expect(chat.keyFor({ chatId: "chat-1", fromUserId: "bob@srv" }, "bot")).toEqual(
      chat.keyFor(inChat1, "bot"),
    );
    const user = new FsmRuntime({ strategy: FSMStrategy.GLOBAL_USER });
    expect(user.keyFor(inChat1, "bot")).toMatchObject({ chatId: "alice@srv", userId: "alice@srv" });
    expect(user.keyFor(inChat2, "bot")).toEqual(user.keyFor(inChat1, "bot"));
  });

  it("gives no key (no ctx.state) to events without a chat or an author", () => {
    const fsm = new FsmRuntime();
    expect(fsm.keyFor({ chatId: "chat-1" }, "bot")).toBeUndefined();
    expect(fsm.keyFor({ fromUserId: "alice@srv" }, "bot")).toBeUndefined();
    expect(fsm.keyFor({}, "bot")).toBeUndefined();
  });

  it("gives each key its context over the storage", async () => {
    const storage = new MemoryStorage();
    const fsm = new FsmRuntime({ storage });
    const key = fsm.keyFor(inChat1, "bot")!;
    const context = fsm.contextFor(key);
    expect(context).toBeInstanceOf(FSMContext);
    expect(context.key).toBe(key);
    await context.setState("Form:name");
    expect(await storage.getState(key)).toBe("Form:name");
  });

  it("refuses bad options with typed errors", () => {
    expect(() => new FsmRuntime({ strategy: "per_user" as FSMStrategy })).toThrow(/Invalid strategy/);
    expect(() => new FsmRuntime({ storage: {} as Storage })).toThrow(/Invalid storage/);
    expect(() => new FsmRuntime({ storage: new MemoryStorage(), keyBuilder: new KeyBuilder() })).toThrow(
      /give keyBuilder to the storage/,
    );
    expect(() => new FsmRuntime({ strategie: "chat" } as never)).toThrow(/did you mean "strategy"/);
  });

  it("closes its storage", async () => {
    let closed = false;
    const storage = new MemoryStorage();
    storage.close = async () => {
      closed = true;
    };
    await new FsmRuntime({ storage }).close();
    expect(closed).toBe(true);
  });
});
