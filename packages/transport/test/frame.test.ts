import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ackFrame, parseFrame, requestFrame } from "../src/frame.js";

describe("parseFrame", () => {
  it("accepts requests and responses and returns the parsed object", () => {
    expect(parseFrame('{"type":1,"id":5731,"method":"sendMessage","payload":{"a":1}}')).toEqual({
      type: 1,
      id: 5731,
      method: "sendMessage",
      payload: { a: 1 },
    });
    expect(parseFrame('{"type":2,"id":1}')).toEqual({ type: 2, id: 1 });
  });

  it.each([
    ["not JSON", "{oops", "not JSON"],
    ["a JSON array", "[1,2]", "not a JSON object"],
    ["null", "null", "not a JSON object"],
    ["type 0", '{"type":0,"id":1}', "unknown frame type 0"],
    ["no id", '{"type":2}', "invalid id undefined"],
    ["negative id", '{"type":1,"id":-1,"method":"x"}', "invalid id -1"],
    ["fractional id", '{"type":2,"id":1.5}', "invalid id 1.5"],
    ["id beyond uint32", '{"type":2,"id":4294967296}', "invalid id 4294967296"],
    ["string id", '{"type":2,"id":"1"}', 'invalid id "1"'],
  ])("rejects %s with a reason", (_, text, reason) => {
    expect(parseFrame(text)).toBe(reason);
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const result = parseFrame(text);
          expect(typeof result === "string" || typeof result === "object").toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("frame builders", () => {
  it("acks are exactly {type:2,id}", () => {
    expect(JSON.parse(ackFrame(42))).toStrictEqual({ type: 2, id: 42 });
    expect(ackFrame(42)).toBe('{"type":2,"id":42}');
  });

  it("requests are valid JSON with the given method and payload", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.string({ minLength: 1 }),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (id, m, p) => {
          expect(JSON.parse(requestFrame(id, m, JSON.stringify(p)))).toStrictEqual(
            JSON.parse(JSON.stringify({ type: 1, id, method: m, payload: p })),
          );
        },
      ),
    );
  });
});
