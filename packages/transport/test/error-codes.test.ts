import { describe, expect, it } from "vitest";
import {
  ApiErrorException,
  ClientStoppedError,
  ConnectionLostError,
  describeErrorCode,
  ErrorCode,
  errorCodeDescriptions,
  TrueConfChatBotError,
} from "../src/index.js";

describe("ErrorCode", () => {
  it("lists every code of the protocol with a description", () => {
    const codes = Object.values(ErrorCode);
    expect(codes).toEqual([
      100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310,
      311, 312,
    ]);
    for (const code of codes) expect(describeErrorCode(code)).toBe(errorCodeDescriptions[code]);
    expect(describeErrorCode(999)).toBe("Unknown error");
  });
});

describe("errors", () => {
  it("ApiErrorException carries code, detail and payload with a [code] message", () => {
    const error = new ApiErrorException(304, undefined, { errorCode: 304 });
    expect(error.message).toBe("[304] Chat not found");
    expect(error).toMatchObject({ code: 304, detail: "Chat not found", payload: { errorCode: 304 } });
    expect(error.name).toBe("ApiErrorException");
    expect(new ApiErrorException(1, "forced").message).toBe("[1] forced");
  });

  it("all extend TrueConfChatBotError, recognised across copies of the class", () => {
    expect(new ConnectionLostError("x", "closed")).toBeInstanceOf(TrueConfChatBotError);
    expect(new ConnectionLostError("x", "closed").retryable).toBe(true);
    const foreign = Object.assign(new Error("other copy"), {
      [Symbol.for("@tc/TrueConfChatBotError")]: true,
    });
    expect(foreign).toBeInstanceOf(TrueConfChatBotError);
    expect(new Error("plain")).not.toBeInstanceOf(TrueConfChatBotError);
    expect(new ClientStoppedError()).not.toBeInstanceOf(ConnectionLostError);
  });
});
