import { describe, expect, it } from "vitest";
import { redactingLogger } from "../src/bot-logger.js";
import { redact } from "../src/redact.js";
import { captureLog } from "./support/world.js";

const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

describe("redact", () => {
  it.each([
    [`auth with ${jwt}`, "auth with [redacted]"],
    ["GET https://tc/files/1?token=abc123&x=1", "GET https://tc/files/1?token=[redacted]&x=1"],
    [
      '{"method":"auth","payload":{"token":"t0ken-value"}}',
      '{"method":"auth","payload":{"token":"[redacted]"}}',
    ],
    ["Authorization: Bearer abc.def", "Authorization: [redacted]"],
    ['{"password":"hunter22","username":"bot"}', '{"password":"[redacted]","username":"bot"}'],
    ["headers { authorization: 'JWT abc' }", "headers { authorization: '[redacted]' }"],
  ])("%s", (input, expected) => {
    expect(redact(input, [])).toBe(expected);
  });

  it("replaces the known secrets wherever they appear", () => {
    expect(redact("login bot/s3cr3t-pass failed", ["s3cr3t-pass"])).toBe("login bot/[redacted] failed");
  });
});

describe("redactingLogger", () => {
  it("renders details into the line before redacting, and survives a throwing sink", () => {
    const sink = captureLog();
    const log = redactingLogger(sink, () => ["pa55word"]);
    log.warn(
      "request failed",
      { url: "https://tc/x?access_token=zzz", password: "pa55word" },
      new Error(jwt),
    );
    expect(sink.lines).toHaveLength(1);
    expect(sink.lines[0]).not.toMatch(/zzz|pa55word|eyJhbGci/);
    const throwing = redactingLogger(
      {
        debug() {},
        info() {},
        warn() {},
        error: () => {
          throw new Error("disk full");
        },
      },
      () => [],
    );
    expect(() => throwing.error("x")).not.toThrow();
  });
});
