import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { connectRawBot } from "./support/raw-bot.js";

const tokenPath = "/bridge/api/client/v1/oauth/token";

let emu: Emulator;
beforeAll(async () => {
  emu = await Emulator.start({ serverName: "video.example.test", serverVersion: "5.5.4" });
});
afterAll(() => emu.stop());

async function postToken(body: unknown, contentType = "application/json") {
  const res = await request(`${emu.httpUrl}${tokenPath}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

const good = { client_id: "chat_bot", grant_type: "password", username: "bot", password: "bot-password" };

function decodeClaims(token: string): Record<string, unknown> {
  const [, body] = token.split(".");
  return JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("OAuth token endpoint", () => {
  it("answers 201 with a JWT, token_type, expires_in and expires_at", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body } = await postToken(good);
    expect(status).toBe(201);
    expect(body.token_type).toBe("JWT");
    expect(body.expires_in).toBe(30 * 24 * 3600);
    const claims = decodeClaims(String(body.access_token));
    expect(claims.sub).toBe("bot@video.example.test");
    expect(claims.exp).toBe(body.expires_at);
    expect(claims.iat as number).toBeGreaterThanOrEqual(before);
    expect((claims.exp as number) - (claims.iat as number)).toBe(30 * 24 * 3600);
    const bot = await connectRawBot(emu, { token: String(body.access_token) });
    expect(bot.userId.startsWith("bot@video.example.test/")).toBe(true);
    await bot.close();
  });

  it("accepts the full user id as username and an empty client_secret", async () => {
    const { status } = await postToken({ ...good, username: "bot@video.example.test", client_secret: "" });
    expect(status).toBe(201);
  });

  it("answers 401 invalid_grant for a wrong password or an unknown user, without echoing the password", async () => {
    for (const wrong of [
      { ...good, password: "nope-secret-123" },
      { ...good, username: "ghost" },
    ]) {
      const { status, body } = await postToken(wrong);
      expect(status).toBe(401);
      expect(body.error).toBe("invalid_grant");
      expect(body.error_description).toBe("Invalid username or password");
      expect(JSON.stringify(body)).not.toContain("nope-secret-123");
    }
  });

  it("answers 401 invalid_client for another client_id", async () => {
    const { status, body } = await postToken({ ...good, client_id: "web" });
    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
  });

  it("answers 400 unsupported_grant_type for another grant", async () => {
    const { status, body } = await postToken({ ...good, grant_type: "client_credentials" });
    expect(status).toBe(400);
    expect(body.error).toBe("unsupported_grant_type");
  });

  it("answers 400 invalid_request for missing fields, non-objects and non-JSON", async () => {
    for (const bad of [
      { client_id: "chat_bot", grant_type: "password", username: "bot" },
      [1, 2],
      "not json{",
    ]) {
      const { status, body } = await postToken(bad);
      expect(status).toBe(400);
      expect(body.error).toBe("invalid_request");
      expect(typeof body.error_description).toBe("string");
    }
  });

  it("answers 405 for GET on the token path and 404 for unknown paths", async () => {
    const get = await request(`${emu.httpUrl}${tokenPath}`);
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe("POST");
    await get.body.dump();
    const missing = await request(`${emu.httpUrl}/nowhere`);
    expect(missing.statusCode).toBe(404);
    expect(((await missing.body.json()) as { error: string }).error).toBe("not_found");
  });
});

describe("server info", () => {
  it("GET /api/v4/server reports version and display name", async () => {
    const res = await request(`${emu.httpUrl}/api/v4/server`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({
      product: { version: "5.5.4", display_name: "video.example.test" },
    });
  });
});

describe("token expiry fields option", () => {
  it.each([
    ["expires_in", true, false],
    ["expires_at", false, true],
  ] as const)("with tokenExpiryFields=%s only that field is sent", async (fields, hasIn, hasAt) => {
    const other = await Emulator.start({ protocol: { tokenExpiryFields: fields, tokenLifetimeSeconds: 60 } });
    try {
      const res = await request(`${other.httpUrl}${tokenPath}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(good),
      });
      const body = (await res.body.json()) as Record<string, unknown>;
      expect("expires_in" in body).toBe(hasIn);
      expect("expires_at" in body).toBe(hasAt);
      const claims = decodeClaims(String(body.access_token));
      expect((claims.exp as number) - (claims.iat as number)).toBe(60);
    } finally {
      await other.stop();
    }
  });
});
