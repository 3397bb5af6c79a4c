import * as core from "@tc/core";
import { Agent } from "undici";
import { describe, expect, it } from "vitest";
import {
  ApiErrorException,
  fetchToken,
  InvalidArgumentError,
  LimitExceededError,
  RequestTimeoutError,
  Transport,
  type TransportOptions,
  TrueConfChatBotError,
} from "../src/index.js";
import { validJwt } from "./support/jwt.js";

const base = { server: "tc.example.org", token: validJwt() };
const make = (extra: Record<string, unknown>) => () =>
  new Transport({ ...base, ...extra } as unknown as TransportOptions);

describe("Transport options", () => {
  it.each([
    [{ Timeout: 5000 }, 'unknown option "Timeout" (did you mean "timeout"?)'],
    [{ webport: 443 }, 'unknown option "webport" (did you mean "port"?)'],
    [{ web_port: 443 }, 'unknown option "web_port" (did you mean "port"?)'],
    [{ ws_max_retries: 3 }, 'unknown option "ws_max_retries" (did you mean "wsMaxRetries"?)'],
    [{ keepAliveInterval: 1000 }, 'unknown option "keepAliveInterval" (did you mean "keepaliveInterval"?)'],
    [{ pongTimout: 1000 }, 'unknown option "pongTimout" (did you mean "pongTimeout"?)'],
  ])("rejects the unknown key of %o with a suggestion", (extra, message) => {
    expect(make(extra)).toThrow(InvalidArgumentError);
    expect(make(extra)).toThrow(`Transport options: ${message}`);
  });

  it("rejects an unknown key that resembles nothing without a suggestion", () => {
    expect(make({ flavour: "vanilla" })).toThrow(/^Transport options: unknown option "flavour"$/);
  });

  it.each([10, 1, 99, 30, 60])("rejects timeout: %d as probably meant in seconds", (timeout) => {
    expect(make({ timeout })).toThrow(
      `Invalid timeout: ${timeout} ms looks like seconds; durations are milliseconds (${timeout} s = ${timeout * 1000})`,
    );
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, "10s", 2 ** 31])(
    "rejects timeout: %s as no duration",
    (timeout) => {
      expect(make({ timeout })).toThrow(/^Invalid timeout: expected milliseconds/);
    },
  );

  it("accepts millisecond timeouts from 100 up, and small values for the other durations", () => {
    expect(make({ timeout: 100 })).not.toThrow();
    expect(make({ timeout: 10_000 })).not.toThrow();
    expect(make({ keepaliveInterval: 50, pongTimeout: 50, wsBaseDelay: 5, wsMaxDelay: 20 })).not.toThrow();
    expect(make({ pongTimeout: "10" })).toThrow("Invalid pongTimeout: expected milliseconds");
    expect(make({ wsBaseDelay: 0 })).toThrow(/^Invalid wsBaseDelay/);
  });

  it("checks every other option by type, naming it and never echoing a secret", () => {
    expect(make({ manualAck: "yes" })).toThrow("Invalid manualAck: expected a boolean, got a string");
    expect(make({ https: 1 })).toThrow("Invalid https: expected a boolean, got a number");
    expect(make({ port: 70_000 })).toThrow("Invalid port: expected an integer from 1 to 65535, got 70000");
    expect(make({ wsMaxRetries: 1.5 })).toThrow(
      "Invalid wsMaxRetries: expected a non-negative integer or Infinity, got 1.5",
    );
    expect(make({ wsMaxRetries: Number.POSITIVE_INFINITY })).not.toThrow();
    expect(make({ logger: { info() {} } })).toThrow("Invalid logger.debug: expected a function");
    expect(make({ logger: "console" })).toThrow(/^Invalid logger: expected an object/);
    expect(make({ tokenProvider: async () => "t" })).toThrow(/^Give exactly one of token/);
    expect(() => new Transport({ server: "x", tokenProvider: "t" } as unknown as TransportOptions)).toThrow(
      "Invalid tokenProvider: expected a function returning a promise of a token, got a string",
    );
    const account = (credentials: unknown) => () =>
      new Transport({ server: "x", credentials } as unknown as TransportOptions);
    expect(account({ username: "bot", pasword: "hunter22" })).toThrow(
      'credentials: unknown option "pasword" (did you mean "password"?)',
    );
    const noPassword = (() => {
      try {
        account({ username: "bot", password: 12345678 })();
      } catch (error) {
        return error as Error;
      }
    })();
    expect(noPassword?.message).toBe(
      "Invalid credentials.password: expected a non-empty string, got a number",
    );
    expect(() => new Transport(undefined as unknown as TransportOptions)).toThrow(InvalidArgumentError);
    expect(() => new Transport("tc.example.org" as unknown as TransportOptions)).toThrow(
      "Transport options must be an object, got a string",
    );
  });
});

describe("request() and fetchToken() options", () => {
  it("request() rejects unknown keys but takes any positive per-call timeout (it may be a budget's rest)", async () => {
    const transport = new Transport(base);
    try {
      await expect(transport.request("x", {}, { timout: 5000 } as never)).rejects.toThrow(
        'request() options: unknown option "timout" (did you mean "timeout"?)',
      );
      await expect(transport.request("x", {}, { timeout: 0 })).rejects.toThrow(/^Invalid timeout/);
      // Never started, so it waits for a connection: a 5 ms budget simply runs out.
      await expect(transport.request("x", {}, { timeout: 5 })).rejects.toBeInstanceOf(RequestTimeoutError);
    } finally {
      await transport.stop();
    }
  });

  it("fetchToken() checks its keys (the renamed dispatcher included) and its timeout the same way", async () => {
    const options = { server: "127.0.0.1", port: 1, https: false, username: "bot", password: "secret-pw" };
    const agent = new Agent();
    try {
      await expect(fetchToken({ ...options, dispatcher: agent } as never)).rejects.toThrow(
        'fetchToken options: unknown option "dispatcher" (did you mean "httpDispatcher"?)',
      );
      await expect(fetchToken({ ...options, timeout: 10 })).rejects.toThrow(/10 ms looks like seconds/);
      await expect(fetchToken({ ...options, password: "" })).rejects.toThrow(
        "Invalid password: expected a non-empty string, got a string",
      );
    } finally {
      await agent.close();
    }
  });
});

describe("shared errors and the renamed dispatcher", () => {
  it("re-exports the @tc/core classes themselves, so instanceof agrees across packages", () => {
    expect(TrueConfChatBotError).toBe(core.TrueConfChatBotError);
    expect(InvalidArgumentError).toBe(core.InvalidArgumentError);
    expect(LimitExceededError).toBe(core.LimitExceededError);
    expect(new ApiErrorException(304)).toBeInstanceOf(core.TrueConfChatBotError);
    expect(make({ timeout: 1 })).toThrow(core.InvalidArgumentError);
  });

  it("exposes the undici dispatcher as httpDispatcher", async () => {
    const transport = new Transport(base);
    expect(transport.httpDispatcher).toBeInstanceOf(Agent);
    expect("dispatcher" in transport).toBe(false);
    await transport.stop();
  });
});
