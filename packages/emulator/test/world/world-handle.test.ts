import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protocolSamples } from "../../src/protocol-samples.js";
import { worldFixture } from "./world-fixture.js";

/** All 31 methods the world answers: PROTOCOL.md section 4 without `auth`, as the sample frames list them. */
const worldMethods = Object.keys(protocolSamples.methods).filter((method) => method !== "auth");

describe("World.handle", () => {
  it("answers a non-object payload of every method with 300", () => {
    const f = worldFixture();
    for (const method of worldMethods) {
      for (const payload of [null, "x", 5, [1]]) f.fails(method, payload, 300);
    }
  });

  it("answers unknown methods and auth with 300, and non-bot callers with 302", () => {
    const f = worldFixture();
    expect(f.fails("someFutureMethod", {}, 300)).toMatch(/unknown method/);
    f.fails("auth", { token: "x" }, 300);
    f.fails("toString", {}, 300);
    f.fails("getChats", {}, 302, "alice@emulator.local");
    f.fails("getChats", {}, 302, "ghost@emulator.local");
  });

  it("never throws and always answers a payload or an error code, whatever arrives", () => {
    const f = worldFixture();
    const ids = [f.seeded.groupChatId, f.seeded.p2pChatId, f.bot, "alice", "nope", ""];
    const value = fc.oneof(
      fc.constantFrom(...ids),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string(),
    );
    const payload = fc.dictionary(
      fc.constantFrom(
        "chatId",
        "userId",
        "messageId",
        "fileId",
        "title",
        "name",
        "count",
        "page",
        "role",
        "forAll",
        "content",
        "fileSize",
        "fileName",
      ),
      fc.oneof(
        value,
        fc.dictionary(fc.constantFrom("text", "parseMode", "temporalFileId", "url", "title"), value),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...worldMethods), payload, (method, input) => {
        const result = f.world.handle(f.bot, method, input);
        if ("errorCode" in result) {
          expect([300, 302, 303, 304, 305, 306, 308, 309, 310, 311, 312]).toContain(result.errorCode);
          expect(result.errorDescription).not.toBe("internal error");
        } else {
          expect(typeof result.payload).toBe("object");
        }
      }),
      { numRuns: 600 },
    );
  });
});
