import { InvalidArgumentError } from "@tc/api";
import { describe, expect, it } from "vitest";
import { keyOf } from "../../src/concurrency/index.js";

const event = { chatId: "chat-1", fromUserId: "alice@srv" };

describe("keyOf", () => {
  it("keys by chat, user, user in chat, or not at all", () => {
    expect(keyOf(event, "chat")).toBe("chat-1");
    expect(keyOf(event, "user")).toBe("alice@srv");
    expect(keyOf(event, "userInChat")).toBe('["chat-1","alice@srv"]');
    expect(keyOf(event, "none")).toBeUndefined();
  });

  it("gives no key when the event lacks the part the key needs", () => {
    expect(keyOf({ fromUserId: "alice@srv" }, "chat")).toBeUndefined();
    expect(keyOf({ chatId: "chat-1" }, "user")).toBeUndefined();
    expect(keyOf({ chatId: "chat-1" }, "userInChat")).toBeUndefined();
  });

  it("keeps user-in-chat keys apart whatever the ids contain", () => {
    expect(keyOf({ chatId: "a:b", fromUserId: "c" }, "userInChat")).not.toBe(
      keyOf({ chatId: "a", fromUserId: "b:c" }, "userInChat"),
    );
  });

  it("calls a key function and checks what it returns", () => {
    expect(keyOf(event, (e: typeof event) => `${e.fromUserId}!`)).toBe("alice@srv!");
    expect(keyOf(event, () => undefined)).toBeUndefined();
    expect(() => keyOf(event, () => 42 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => keyOf(event, "everyone" as "chat")).toThrow(/Invalid concurrency key/);
  });
});
