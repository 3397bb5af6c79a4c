import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Emulator, EmulatorConfigError, WaitTimeoutError } from "../src/index.js";
import { connectRawBot, type RawBot } from "./support/raw-bot.js";

let emu: Emulator;
let chatId: string;
beforeAll(async () => {
  emu = await Emulator.start();
  chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
});
afterEach(() => emu.faults.reset());
afterAll(() => emu.stop());

const sessionOf = (bot: RawBot) => {
  const session = emu.sessions.find((s) => s.connectionId === bot.authPayload.connectionId);
  if (session === undefined) throw new Error("session not found");
  return session;
};

describe("connection faults", () => {
  it("dropSessions abrupt: the client sees 1006", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.dropSessions();
    expect((await bot.closed).code).toBe(1006);
  });

  it("dropSessions clean with a code: the client sees that code", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.dropSessions({ clean: true, code: 4001 });
    expect((await bot.closed).code).toBe(4001);
    expect(() => emu.faults.dropSessions({ clean: true, code: 1006 })).toThrow(EmulatorConfigError);
  });

  it("refuseHandshakes refuses exactly count handshakes with the status", async () => {
    emu.faults.refuseHandshakes(2, { status: 502 });
    await expect(connectRawBot(emu)).rejects.toThrow("handshake refused with 502");
    await expect(connectRawBot(emu)).rejects.toThrow("handshake refused with 502");
    const bot = await connectRawBot(emu);
    await bot.close();
  });

  it("delayHandshakes holds the upgrade", async () => {
    emu.faults.delayHandshakes(200);
    const started = performance.now();
    const bot = await connectRawBot(emu, { auth: false });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await bot.close();
  });

  it("freeze stops a session answering pings and requests until reset", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.freeze(sessionOf(bot).id);
    let ponged = false;
    bot.ws.once("pong", () => {
      ponged = true;
    });
    bot.ws.ping();
    await expect(bot.call("getChats", { count: 5, page: 1 }, { timeout: 300 })).rejects.toThrow(
      "no response",
    );
    expect(ponged).toBe(false);
    const answered = bot.call("getChats", { count: 5, page: 1 });
    emu.faults.reset();
    expect(Array.isArray(await answered)).toBe(true);
    expect(ponged).toBe(true);
    await bot.close();
    expect(() => emu.faults.freeze("s-none")).toThrow(EmulatorConfigError);
  });
});

describe("request faults", () => {
  it("delayResponses delays one method, '*' every method", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.delayResponses("getChats", 500);
    let started = performance.now();
    let delayedAnswered = false;
    const delayed = bot.call("getChats", { count: 5, page: 1 }).then(() => {
      delayedAnswered = true;
    });
    // another method is answered at once, overtaking the delayed one (an order, not a time: no flakiness under load)
    await bot.call("getFileUploadLimits", {});
    expect(delayedAnswered).toBe(false);
    await delayed;
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    emu.faults.delayResponses("*", 120);
    started = performance.now();
    await bot.call("getFileUploadLimits", {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await bot.close();
  });

  it("neverAnswer logs the request but never answers, for count requests", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.neverAnswer("sendMessage", { count: 1 });
    const lost = bot.call(
      "sendMessage",
      { chatId, content: { text: "lost", parseMode: "text" } },
      { timeout: 300 },
    );
    const record = await emu.waitForRequest("sendMessage");
    expect(record.frame?.payload).toMatchObject({ content: { text: "lost" } });
    await expect(lost).rejects.toThrow("no response");
    const ok = await bot.call("sendMessage", { chatId, content: { text: "kept", parseMode: "text" } });
    expect(typeof ok.messageId).toBe("string");
    await bot.close();
  });

  it("failNext answers with the error code without touching the world", async () => {
    const bot = await connectRawBot(emu);
    const before = emu.messages(chatId).length;
    emu.faults.failNext("sendMessage", 304, { count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const failed = await bot.call("sendMessage", { chatId, content: { text: "x", parseMode: "text" } });
      expect(failed.errorCode).toBe(304);
      expect(typeof failed.errorDescription).toBe("string");
    }
    expect(emu.messages(chatId)).toHaveLength(before);
    const ok = await bot.call("sendMessage", { chatId, content: { text: "y", parseMode: "text" } });
    expect(ok.errorCode).toBeUndefined();
    expect(emu.messages(chatId)).toHaveLength(before + 1);
    expect(() => emu.faults.failNext("sendMessage", 0)).toThrow(EmulatorConfigError);
    await bot.close();
  });

  it("expireTokens: 203 on auth for old tokens; with onRequests also on requests of their sessions", async () => {
    const token = emu.issueToken("bot");
    const live = await connectRawBot(emu, { token });
    emu.faults.expireTokens();
    await expect(connectRawBot(emu, { token })).rejects.toMatchObject({ errorCode: 203 });
    expect(Array.isArray(await live.call("getChats", { count: 5, page: 1 }))).toBe(true);
    emu.faults.expireTokens({ onRequests: true });
    expect((await live.call("getChats", { count: 5, page: 1 })).errorCode).toBe(203);
    const fresh = await connectRawBot(emu);
    expect(Array.isArray(await fresh.call("getChats", { count: 5, page: 1 }))).toBe(true);
    await Promise.all([live.close(), fresh.close()]);
  });
});

describe("event faults", () => {
  it("sendRaw reaches one session or every session", async () => {
    const one = await connectRawBot(emu);
    const two = await connectRawBot(emu);
    emu.faults.sendRaw("{broken", { sessionId: sessionOf(one).id });
    emu.faults.sendRaw(JSON.stringify({ type: 1, id: 4242, method: "mysteryEvent", payload: {} }));
    await one.nextEvent("mysteryEvent");
    await two.nextEvent("mysteryEvent");
    expect(one.received).toContain("{broken");
    expect(two.received).not.toContain("{broken");
    // the session still works afterwards
    expect(Array.isArray(await one.call("getChats", { count: 5, page: 1 }))).toBe(true);
    await Promise.all([one.close(), two.close()]);
  });

  it("duplicateEvents sends each event twice with the same id", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.duplicateEvents(true);
    await emu.as("alice").send(chatId, "twice");
    const [a, b] = [await bot.nextEvent("sendMessage"), await bot.nextEvent("sendMessage")];
    expect(a.id).toBe(b.id);
    expect(a.payload).toEqual(b.payload);
    await bot.close();
  });

  it("reorderEvents swaps consecutive events", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.reorderEvents(true);
    await emu.as("alice").send(chatId, "first");
    await emu.as("alice").send(chatId, "second");
    const texts: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const event = await bot.nextEvent("sendMessage");
      texts.push(((event.payload as Record<string, unknown>).content as { text: string }).text);
    }
    expect(texts).toEqual(["second", "first"]);
    // a lone event is not held forever
    await emu.as("alice").send(chatId, "alone");
    await bot.nextEvent("sendMessage", { timeout: 1000 });
    await bot.close();
  });
});

describe("wait helpers", () => {
  it("waitFor rejects with WaitTimeoutError, waitForRequest returns logged requests once", async () => {
    await expect(emu.waitFor(() => false, { timeout: 50 })).rejects.toBeInstanceOf(WaitTimeoutError);
    const bot = await connectRawBot(emu);
    await bot.call("getFileUploadLimits", {});
    const seen = emu.requests("getFileUploadLimits").length;
    // every already-logged request is handed out once, in order, then the next one is awaited
    for (let i = 0; i < seen; i += 1) await emu.waitForRequest("getFileUploadLimits");
    const next = emu.waitForRequest("getFileUploadLimits", { timeout: 2000 });
    await bot.call("getFileUploadLimits", {});
    expect((await next).sessionId).toBe(sessionOf(bot).id);
    await expect(emu.waitForRequest("getFileUploadLimits", { timeout: 50 })).rejects.toThrow(
      WaitTimeoutError,
    );
    await bot.close();
  });
});
