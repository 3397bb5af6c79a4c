import { describe, expect, it } from "vitest";
import { Bot, Dispatcher, InvalidArgumentError } from "../src/index.js";

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** A well-formed token that expires in an hour (never sent: these bots are not started). */
const token = `${part({ alg: "HS256", typ: "JWT" })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;

describe("Bot options", () => {
  it("rejects an unknown option name with the nearest real one", () => {
    expect(() => new Bot({ server: "tc.example", token, webport: 443 } as never)).toThrow(
      'Bot options: unknown option "webport" (did you mean "webPort"?)',
    );
    expect(() => new Bot({ server: "tc.example", token, verify_ssl: false } as never)).toThrow(
      /did you mean "verifySsl"/,
    );
  });

  it("rejects durations that only make sense as seconds, saying so", () => {
    expect(() => new Bot({ server: "tc.example", token, timeout: 10 })).toThrow(
      "Invalid timeout: 10 ms looks like seconds; durations are milliseconds (10 s = 10000)",
    );
    expect(() => new Bot({ server: "tc.example", token, wsMaxDelay: 60 })).toThrow(InvalidArgumentError);
    expect(new Bot({ server: "tc.example", token, timeout: 10_000 })).toBeInstanceOf(Bot);
  });

  it("refuses concurrency beside a given dispatcher, and a token with fromCredentials", async () => {
    expect(
      () => new Bot({ server: "tc.example", token, dispatcher: new Dispatcher(), concurrency: { limit: 2 } }),
    ).toThrow(/Give concurrency to your Dispatcher/);
    await expect(Bot.fromCredentials("tc.example", "bot", "pw", { token } as never)).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it("never echoes the token in an error", () => {
    const secret = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2VjcmV0LXNpZ25hdHVyZQ";
    const error = (() => {
      try {
        new Bot({ server: "tc.example", token: secret, timeout: "x" as never });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.message).toMatch(/Invalid timeout/);
    expect(error?.message).not.toContain(secret);
  });
});
