import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Emulator, EmulatorConfigError } from "../src/index.js";
import { connectRawBot } from "./support/raw-bot.js";

let emu: Emulator;
beforeAll(async () => {
  emu = await Emulator.start();
});
afterAll(() => emu.stop());

describe("WebSocket handshake", () => {
  it.each([
    ["/websocket/chat_bot/", "json.v1", "json.v1"],
    ["/websocket/chat_bot/", null, ""],
    ["/websocket/chat_bot", "json.v1", "json.v1"],
    ["/websocket/chat_bot", null, ""],
  ] as const)("path %s offering %s selects %j", async (path, protocol, selected) => {
    const bot = await connectRawBot(emu, { path, protocol });
    expect(bot.ws.protocol).toBe(selected);
    expect(bot.userId).toMatch(/^bot@emulator\.local\/[0-9a-f]{8}$/);
    await bot.close();
  });

  it("refuses other paths with 404", async () => {
    const ws = new WebSocket(emu.wsUrl.replace("chat_bot/", "other"));
    const status = await new Promise<number>((resolve) => {
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("error", () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it("answers protocol pings with pongs", async () => {
    const bot = await connectRawBot(emu);
    const pong = new Promise<string>((resolve) => bot.ws.once("pong", (data) => resolve(data.toString())));
    bot.ws.ping("are-you-there");
    expect(await pong).toBe("are-you-there");
    await bot.close();
  });
});

describe("auth", () => {
  it("answers every request before auth with errorCode 200", async () => {
    const bot = await connectRawBot(emu, { auth: false });
    expect(await bot.call("getChats", { count: 10, page: 1 })).toEqual({
      errorCode: 200,
      errorDescription: "Not authorized",
    });
    await bot.close();
  });

  it("returns userId with instance suffix and a connectionId matching the session", async () => {
    const bot = await connectRawBot(emu, { receiveSystemMessageEnvelopes: true });
    const session = emu.sessions.find((s) => s.connectionId === bot.authPayload.connectionId);
    expect(session?.authorized).toBe(true);
    expect(session?.userId).toBe("bot@emulator.local");
    expect(session?.options).toEqual({ receiveUnread: false, receiveSystemMessageEnvelopes: true });
    expect("errorCode" in bot.authPayload).toBe(false);
    await bot.close();
    await emu.waitFor(() => emu.sessions.find((s) => s.id === session?.id)?.open === false);
  });

  it("refuses an expired token with 203 and a foreign or malformed token with 201", async () => {
    const expired = emu.issueToken("bot", { expiresInSeconds: -5 });
    await expect(connectRawBot(emu, { token: expired })).rejects.toMatchObject({ errorCode: 203 });
    const other = await Emulator.start();
    try {
      await expect(connectRawBot(emu, { token: other.issueToken("bot") })).rejects.toMatchObject({
        errorCode: 201,
      });
    } finally {
      await other.stop();
    }
    await expect(connectRawBot(emu, { token: "not.a-jwt" })).rejects.toMatchObject({ errorCode: 201 });
  });

  it("answers 204 for another tokenType and 201 without a token", async () => {
    const bot = await connectRawBot(emu, { auth: false });
    expect((await bot.call("auth", { token: emu.issueToken("bot"), tokenType: "Basic" })).errorCode).toBe(
      204,
    );
    expect((await bot.call("auth", {})).errorCode).toBe(201);
    expect((await bot.call("getChats", {})).errorCode).toBe(200);
    await bot.close();
  });

  it("logs in over OAuth with login and password", async () => {
    const bot = await connectRawBot(emu, { login: "bot", password: "bot-password" });
    expect(bot.userId.startsWith("bot@emulator.local/")).toBe(true);
    await bot.close();
  });

  it("never writes the token into the transcript", async () => {
    const token = emu.issueToken("bot");
    const bot = await connectRawBot(emu, { token });
    await bot.close();
    expect(emu.requests("auth").some((record) => record.raw.includes(token))).toBe(true);
    expect(emu.transcript()).not.toContain(token);
    expect(emu.transcript()).toContain('"token":"[redacted]"');
  });

  it("refuses tokens for accounts that are not bots", () => {
    expect(() => emu.issueToken("alice")).toThrow(EmulatorConfigError);
  });
});

describe("client garbage", () => {
  it("skips non-JSON, binary, id-less and unknown-type frames and answers a method-less request with 307", async () => {
    const bot = await connectRawBot(emu);
    bot.ws.send("{not json");
    bot.ws.send(Buffer.from([1, 2, 3]));
    bot.ws.send(JSON.stringify({ type: 1, method: "getChats" }));
    bot.ws.send(JSON.stringify({ type: 7, id: 3 }));
    bot.ws.send(JSON.stringify({ type: 2, id: 999_999 }));
    bot.ws.send(JSON.stringify({ type: 1, id: 77 }));
    const reply = await new Promise<Record<string, unknown>>((resolve) => {
      bot.ws.on("message", (data) => {
        const frame = JSON.parse(data.toString()) as { id: number; payload: Record<string, unknown> };
        if (frame.id === 77) resolve(frame.payload);
      });
    });
    expect(reply.errorCode).toBe(307);
    bot.ws.send(Buffer.alloc(100_000, 0xab));
    const binaries = () => emu.frames.filter((f) => f.direction === "in" && f.raw.startsWith("<binary"));
    const big = await emu.waitFor(() => binaries().find((f) => f.raw.startsWith("<binary 100000 ")));
    expect(big.raw).toBe(`<binary 100000 bytes ${"ab".repeat(32)}…>`);
    expect(binaries().map((f) => f.raw)).toContain("<binary 3 bytes 010203>");
    const chats = await bot.call("getChats", { count: 10, page: 1 });
    expect(Array.isArray(chats)).toBe(true);
    await bot.close();
  });
});

describe("client request ids", () => {
  it("answers a reused id like any other request, each response copying it", async () => {
    const bot = await connectRawBot(emu);
    const responses: Record<string, unknown>[] = [];
    const both = new Promise<void>((resolve) => {
      bot.ws.on("message", (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (frame.type === 2 && frame.id === 4242) responses.push(frame);
        if (responses.length === 2) resolve();
      });
    });
    const request = JSON.stringify({ type: 1, id: 4242, method: "getFileUploadLimits", payload: {} });
    bot.ws.send(request);
    bot.ws.send(request);
    await both;
    expect(responses).toEqual([responses[0], responses[0]]);
    expect(responses[0]?.payload).toHaveProperty("maxSize");
    await bot.close();
  });
});

describe("protocol options of the connection layer", () => {
  it("can drop connectionId and the instance suffix, add errorCode 0 and drop descriptions", async () => {
    const other = await Emulator.start({
      protocol: {
        authConnectionId: false,
        userIdInstanceSuffix: false,
        successErrorCode: true,
        errorDescriptions: false,
      },
    });
    try {
      const bot = await connectRawBot(other);
      expect(bot.authPayload).toEqual({ userId: "bot@emulator.local", errorCode: 0 });
      other.faults.failNext("getChats", 304);
      expect(await bot.call("getChats", { count: 1, page: 1 })).toEqual({ errorCode: 304 });
      await bot.close();
    } finally {
      await other.stop();
    }
  });

  it("rejects unknown protocol options and bad values before starting", async () => {
    await expect(Emulator.start({ protocol: { roleFormat: "int" as "number" } })).rejects.toThrow(
      EmulatorConfigError,
    );
    await expect(Emulator.start({ protocol: { nope: true } as never })).rejects.toThrow(
      /unknown protocol option "nope"/,
    );
    await expect(Emulator.start({ port: 70_000 })).rejects.toThrow(EmulatorConfigError);
    await expect(Emulator.start({ serverName: "a b" })).rejects.toThrow(EmulatorConfigError);
  });
});
