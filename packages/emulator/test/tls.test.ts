import { readFileSync } from "node:fs";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { connectRawBot } from "./support/raw-bot.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const key = fixture("tls-key.pem");
const cert = fixture("tls-cert.pem");

let emu: Emulator;
let trusted: Agent;
beforeAll(async () => {
  emu = await Emulator.start({ tls: { key, cert } });
  trusted = new Agent({ connect: { ca: cert } });
});
afterAll(async () => {
  await trusted.close();
  await emu.stop();
});

describe("TLS", () => {
  it("serves https and wss URLs", () => {
    expect(emu.httpUrl).toBe(`https://127.0.0.1:${emu.port}`);
    expect(emu.wsUrl).toBe(`wss://127.0.0.1:${emu.port}/websocket/chat_bot/`);
  });

  it("answers the token endpoint and a wss session when the client trusts the certificate", async () => {
    const res = await request(`${emu.httpUrl}/bridge/api/client/v1/oauth/token`, {
      method: "POST",
      dispatcher: trusted,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: "chat_bot",
        grant_type: "password",
        username: "bot",
        password: "bot-password",
      }),
    });
    expect(res.statusCode).toBe(201);
    const { access_token: token } = (await res.body.json()) as { access_token: string };
    const bot = await connectRawBot(emu, { token, wsOptions: { ca: cert } });
    expect(bot.ws.protocol).toBe("json.v1");
    expect(Array.isArray(await bot.call("getChats", { count: 5, page: 1 }))).toBe(true);
    await bot.close();
  });

  it("is rejected by clients that verify against the default CAs", async () => {
    await expect(request(`${emu.httpUrl}/api/v4/server`)).rejects.toThrow(/self-signed|certificate/i);
    await expect(connectRawBot(emu)).rejects.toThrow(/self-signed|certificate/i);
  });
});
