import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJwtExpiry, TokenValidationError, TrueConfChatBotError, validateToken } from "../src/index.js";
import { makeJwt } from "./support/jwt.js";

describe("validateToken", () => {
  const future = Math.floor(Date.now() / 1000) + 3600;

  it("accepts a JWT whose exp is in the future", () => {
    expect(() => validateToken(makeJwt({ exp: future }))).not.toThrow();
  });

  it.each([
    ["empty", ""],
    ["whitespace", `${makeJwt({ exp: future })} `],
    ["two parts", "abc.def"],
    ["four parts", "a.b.c.d"],
    ["non-base64url header", "!!!.e30.sig"],
    ["header not JSON", `${Buffer.from("nope").toString("base64url")}.e30.sig`],
    ["payload an array", `e30.${Buffer.from("[1]").toString("base64url")}.sig`],
    ["no exp", makeJwt({ sub: "bot" })],
    ["exp not a number", makeJwt({ exp: "tomorrow" })],
    ["expired", makeJwt({ exp: Math.floor(Date.now() / 1000) - 1 })],
  ])("rejects %s with TokenValidationError", (_, token) => {
    expect(() => validateToken(token)).toThrow(TokenValidationError);
  });

  it("never puts the token into the error message", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), fc.integer({ min: -1e6, max: 1e6 }), (secret, skew) => {
        const candidates = [
          secret,
          `${secret}.x.y`,
          makeJwt({ exp: Math.floor(Date.now() / 1000) + skew, secret }),
        ];
        for (const token of candidates) {
          try {
            validateToken(token);
          } catch (error) {
            expect(error).toBeInstanceOf(TrueConfChatBotError);
            expect((error as Error).message).not.toContain(token);
            if (secret.trim().length >= 8) expect((error as Error).message).not.toContain(secret);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("readJwtExpiry", () => {
  it("returns exp in milliseconds", () => {
    expect(readJwtExpiry(makeJwt({ exp: 1_770_292_000 }))).toBe(1_770_292_000_000);
  });

  it("returns undefined for anything unreadable instead of throwing", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = readJwtExpiry(text);
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      }),
    );
    expect(readJwtExpiry(makeJwt({ sub: "x" }))).toBeUndefined();
  });
});
