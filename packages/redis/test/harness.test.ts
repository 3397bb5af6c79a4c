import { describe, expect, it } from "vitest";
import { eventIdentity } from "../src/index.js";
import { RedisServer } from "./support/redis-server.js";

describe("the test harness", () => {
  it("fails, saying how to install it, when redis-server is missing (the tests never skip)", async () => {
    await expect(RedisServer.start({ binary: "redis-server-not-installed" })).rejects.toThrow(
      /redis-server was not found .*never skipped: install it/,
    );
  });
});

describe("eventIdentity", () => {
  it("is the same in every session: the frame id is left out", () => {
    const message = { method: "sendMessage", chatId: "c1", messageId: "m1", fromUserId: "u", updateId: 7 };
    expect(eventIdentity(message)).toBe("m:c1:m1");
    expect(eventIdentity({ ...message, updateId: 99 })).toBe("m:c1:m1");
    const removed = { method: "removeChat", chatId: "c1", updateId: 1 };
    expect(eventIdentity(removed)).toBe(eventIdentity({ ...removed, updateId: 2 }));
    expect(eventIdentity(removed)).not.toBe(eventIdentity({ ...removed, chatId: "c2" }));
  });
});
