import { describe, expect, it } from "vitest";
import {
  checkOptions,
  closestName,
  describeValue,
  InvalidArgumentError,
  requireBoolean,
  requireDuration,
  requireInteger,
  TrueConfChatBotError,
} from "../src/index.js";

describe("checkOptions", () => {
  const known = ["webPort", "https", "verifySsl", "timeout"];

  it("suggests the known name of a key written in another case", () => {
    expect(() => checkOptions("Bot options", { webport: 443 }, known)).toThrow(
      'Bot options: unknown option "webport" (did you mean "webPort"?)',
    );
  });

  it("suggests the nearest name of a misspelt key, and nothing for a key far from every name", () => {
    expect(() => checkOptions("Bot options", { verifySSl: false, timout: 5 }, known)).toThrow(
      /did you mean "verifySsl"/,
    );
    expect(() => checkOptions("Bot options", { timout: 5000 }, known)).toThrow(/did you mean "timeout"/);
    expect(() => checkOptions("Bot options", { colour: "red" }, known)).toThrow(/unknown option "colour"$/);
  });

  it("passes known keys and reads undefined as an empty object; rejects non-objects", () => {
    const options = { https: false };
    expect(checkOptions("o", options, known)).toBe(options);
    expect(checkOptions("o", undefined, known)).toEqual({});
    expect(() => checkOptions("o", "x" as never, known)).toThrow("o must be an object, got a string");
    expect(() => checkOptions("o", [] as never, known)).toThrow(InvalidArgumentError);
  });
});

describe("requireDuration", () => {
  it("says when a value looks like seconds", () => {
    expect(() => requireDuration("timeout", 10, 10_000, { secondsBelow: 100 })).toThrow(
      "Invalid timeout: 10 ms looks like seconds; durations are milliseconds (10 s = 10000)",
    );
    expect(requireDuration("timeout", 100, 10_000, { secondsBelow: 100 })).toBe(100);
  });

  it("takes the fallback for undefined, accepts 0 only when allowed, and bounds by the timer limit", () => {
    expect(requireDuration("t", undefined, 7)).toBe(7);
    expect(requireDuration("t", 1, 7)).toBe(1);
    expect(() => requireDuration("t", 0, 7)).toThrow(/above 0/);
    expect(requireDuration("t", 0, 7, { allowZero: true })).toBe(0);
    expect(() => requireDuration("t", 2 ** 31, 7)).toThrow(InvalidArgumentError);
    expect(() => requireDuration("t", Number.NaN, 7)).toThrow(/got NaN/);
    expect(() => requireDuration("t", "5", 7)).toThrow(/got a string/);
  });
});

describe("the other checks", () => {
  it("requireInteger and requireBoolean name the option and never echo a non-number", () => {
    expect(requireInteger("count", 3, 1, { min: 1 })).toBe(3);
    expect(() => requireInteger("count", 0, 1, { min: 1 })).toThrow(
      "Invalid count: expected an integer from 1",
    );
    expect(() => requireInteger("count", "s3cret", 1)).toThrow(/got a string$/);
    expect(requireBoolean("flag", undefined, true)).toBe(true);
    expect(() => requireBoolean("flag", 1, true)).toThrow("Invalid flag: expected a boolean, got a number");
  });

  it("describeValue gives types, not values", () => {
    expect([null, [], "pw", 1, undefined, {}, Number.NaN].map(describeValue)).toEqual([
      "null",
      "an array",
      "a string",
      "a number",
      "undefined",
      "object",
      "NaN",
    ]);
  });

  it("closestName prefers a case-insensitive match", () => {
    expect(closestName("HTTPS", ["http", "https"])).toBe("https");
    expect(closestName("zzz", ["https"])).toBeUndefined();
  });

  it("errors extend the base class", () => {
    expect(new InvalidArgumentError("x")).toBeInstanceOf(TrueConfChatBotError);
    expect(new InvalidArgumentError("x").name).toBe("InvalidArgumentError");
  });
});
