import { describe, expect, it } from "vitest";
import { InvalidArgumentError, LimitExceededError, TrueConfChatBotError } from "../src/index.js";

describe("TrueConfChatBotError", () => {
  it("recognises an instance made by another copy of the class (the other module format)", () => {
    const brand = Symbol.for("@tc/TrueConfChatBotError");
    const foreign = Object.assign(new Error("from the CJS copy"), { [brand]: true });
    expect(foreign).toBeInstanceOf(TrueConfChatBotError);
    expect(new Error("plain")).not.toBeInstanceOf(TrueConfChatBotError);
    // Subclasses still use the prototype chain: a foreign base instance is not an InvalidArgumentError.
    expect(foreign).not.toBeInstanceOf(InvalidArgumentError);
  });

  it("LimitExceededError carries the value and the limit", () => {
    const error = new LimitExceededError("too long", 5000, 4096);
    expect(error).toMatchObject({ actualValue: 5000, limit: 4096, name: "LimitExceededError" });
    expect(error).toBeInstanceOf(TrueConfChatBotError);
  });
});
