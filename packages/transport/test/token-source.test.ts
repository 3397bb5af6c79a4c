import { afterEach, describe, expect, it, vi } from "vitest";
import { TokenValidationError } from "../src/index.js";
import { silentLogger } from "../src/logger.js";
import { type TokenReason, TokenSource } from "../src/token-source.js";
import { validJwt } from "./support/jwt.js";

describe("TokenSource", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("returns a bare token as is and cannot refresh it", async () => {
    const token = validJwt();
    const source = new TokenSource({ token }, silentLogger, 10_000);
    source.invalidate();
    expect(source.refreshable).toBe(false);
    await expect(source.get()).resolves.toBe(token);
  });

  it("shares one fetch among concurrent callers and refetches after invalidate()", async () => {
    const reasons: TokenReason[] = [];
    const source = new TokenSource(
      {
        provider: async (reason) => {
          reasons.push(reason);
          return { accessToken: `token-${reasons.length}`, tokenType: "JWT" };
        },
      },
      silentLogger,
      10_000,
    );
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect([a, b]).toEqual(["token-1", "token-1"]);
    await expect(source.get()).resolves.toBe("token-1");
    source.invalidate();
    await expect(source.get()).resolves.toBe("token-2");
    expect(reasons).toEqual(["initial", "expired"]);
    source.close();
  });

  it("refreshes ahead of expiry on a timer, by an hour or half the lifetime", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const reasons: TokenReason[] = [];
    const source = new TokenSource(
      {
        provider: async (reason) => {
          reasons.push(reason);
          return { accessToken: `t${reasons.length}`, tokenType: "JWT", expiresAt: Date.now() + 10 * 60_000 };
        },
      },
      silentLogger,
      10_000,
    );
    await source.get();
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(reasons).toEqual(["initial"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reasons).toEqual(["initial", "refresh"]);
    await expect(source.get()).resolves.toBe("t2");
    source.close();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(reasons).toHaveLength(2);
  });

  it("rejects unusable provider answers with TokenValidationError", async () => {
    const source = new TokenSource({ provider: async () => "has space" }, silentLogger, 10_000);
    await expect(source.get()).rejects.toBeInstanceOf(TokenValidationError);
  });

  it("bounds a provider that never settles by the timeout and asks it again on the next get()", async () => {
    vi.useFakeTimers();
    let answerFirst: ((token: string) => void) | undefined;
    const reasons: TokenReason[] = [];
    const source = new TokenSource(
      {
        provider: (reason) => {
          reasons.push(reason);
          if (reasons.length === 1) return new Promise<string>((resolve) => (answerFirst = resolve));
          return Promise.resolve("second");
        },
      },
      silentLogger,
      1000,
    );
    const hung = source.get().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(reasons).toEqual(["initial"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(String(await hung)).toContain("no answer within 1000 ms");
    await expect(source.get()).resolves.toBe("second");
    expect(reasons).toEqual(["initial", "initial"]);
    answerFirst?.("too-late"); // a late answer of the abandoned call is dropped
    await vi.advanceTimersByTimeAsync(0);
    await expect(source.get()).resolves.toBe("second");
    source.close();
  });
});
