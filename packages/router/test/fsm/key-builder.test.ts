import { describe, expect, it } from "vitest";
import { KeyBuilder, StorageKey } from "../../src/fsm/index.js";

const key = new StorageKey({ botId: "bot@srv", chatId: "chat-1", userId: "alice@srv" });

describe("KeyBuilder", () => {
  it("joins prefix, chat, user and part by default, as aiogram's DefaultKeyBuilder", () => {
    const builder = new KeyBuilder();
    expect(builder.build(key, "state")).toBe("fsm:chat-1:alice@srv:state");
    expect(builder.build(key, "data")).toBe("fsm:chat-1:alice@srv:data");
    expect(builder.build(key, "lock")).toBe("fsm:chat-1:alice@srv:lock");
  });

  it("adds the bot id and the destiny when asked, with its own prefix and separator", () => {
    const builder = new KeyBuilder({ prefix: "bot-fsm", separator: "|", withBotId: true, withDestiny: true });
    expect(builder.build(new StorageKey({ ...key, destiny: "survey" }), "data")).toBe(
      "bot-fsm|bot@srv|chat-1|alice@srv|survey|data",
    );
  });

  it("refuses a destiny it cannot tell apart from the default one", () => {
    expect(() => new KeyBuilder().build(new StorageKey({ ...key, destiny: "survey" }), "data")).toThrow(
      /enable withDestiny/,
    );
  });

  it("escapes separator characters and % inside ids, so keys never collide", () => {
    const builder = new KeyBuilder();
    const a = builder.build(new StorageKey({ botId: "b", chatId: "a:b", userId: "c" }), "state");
    const b = builder.build(new StorageKey({ botId: "b", chatId: "a", userId: "b:c" }), "state");
    const c = builder.build(new StorageKey({ botId: "b", chatId: "a%3Ab", userId: "c" }), "state");
    expect(a).toBe("fsm:a%3Ab:c:state");
    expect(b).toBe("fsm:a:b%3Ac:state");
    expect(c).toBe("fsm:a%253Ab:c:state");
    const multi = new KeyBuilder({ separator: "::" });
    expect(multi.build(new StorageKey({ botId: "b", chatId: "x:y", userId: "ü" }), "data")).toBe(
      "fsm::x%3Ay::ü::data",
    );
    const dot = new KeyBuilder({ separator: "." });
    expect(dot.build(new StorageKey({ botId: "b", chatId: "v.1", userId: "u" }), "data")).toBe(
      "fsm.v%2E1.u.data",
    );
  });

  it("refuses bad options and parts with typed errors", () => {
    expect(() => new KeyBuilder({ separator: "%" })).toThrow(/escape character/);
    expect(() => new KeyBuilder({ separator: "" })).toThrow(/Invalid separator/);
    expect(() => new KeyBuilder({ withBotID: true } as never)).toThrow(/did you mean "withBotId"/);
    expect(() => new KeyBuilder().build(key, "other" as "data")).toThrow(/Invalid key part/);
  });
});

describe("StorageKey", () => {
  it("defaults the destiny and refuses empty parts", () => {
    expect(key.destiny).toBe("default");
    expect(Object.isFrozen(key)).toBe(true);
    expect(() => new StorageKey({ botId: "", chatId: "c", userId: "u" })).toThrow(/Invalid StorageKey botId/);
    expect(() => new StorageKey(null as never)).toThrow(/must be an object/);
  });
});
