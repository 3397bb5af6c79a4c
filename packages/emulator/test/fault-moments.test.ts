import { request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Emulator, EmulatorConfigError } from "../src/index.js";
import { connectRawBot, type RawBot } from "./support/raw-bot.js";

let emu: Emulator;
let chatId: string;
beforeAll(async () => {
  emu = await Emulator.start();
  emu.addBot({ login: "helper", password: "helper-password" });
  chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
});
afterEach(() => emu.faults.reset());
afterAll(() => emu.stop());

const sessionOf = (bot: RawBot) => {
  const session = emu.sessions.find((s) => s.connectionId === bot.authPayload.connectionId);
  if (session === undefined) throw new Error("session not found");
  return session;
};
const text = (value: string) => ({ chatId, content: { text: value, parseMode: "text" } });
const storedIds = () => emu.messages(chatId).map((message) => message.messageId);

describe("dropSessions", () => {
  it("drops one session by id and returns what it dropped", async () => {
    const [one, two] = [await connectRawBot(emu), await connectRawBot(emu)];
    const target = sessionOf(one).id;
    expect(emu.faults.dropSessions({ sessionId: target })).toEqual([
      { sessionId: target, userId: "bot@emulator.local", code: 1006 },
    ]);
    expect((await one.closed).code).toBe(1006);
    expect(Array.isArray(await two.call("getChats", { count: 5, page: 1 }))).toBe(true);
    // a closed session is not dropped twice; an unknown one is a mistake
    expect(emu.faults.dropSessions({ sessionId: target })).toEqual([]);
    expect(() => emu.faults.dropSessions({ sessionId: "s-none" })).toThrow(EmulatorConfigError);
    const dropped = emu.faults.dropSessions({ clean: true, code: 4002 });
    expect(dropped).toContainEqual({
      sessionId: sessionOf(two).id,
      userId: "bot@emulator.local",
      code: 4002,
    });
    expect((await two.closed).code).toBe(4002);
  });
});

describe("dropOn: drops at an exact moment of a request", () => {
  it("beforeRun: the request is logged, nothing is stored, no answer", async () => {
    const bot = await connectRawBot(emu);
    const before = storedIds();
    const trigger = emu.faults.dropOn("sendMessage", { at: "beforeRun" });
    expect(trigger.fired).toBeUndefined();
    void bot.call("sendMessage", text("never stored"), { timeout: 60_000 }).catch(() => undefined);
    expect((await bot.closed).code).toBe(1006);
    const fired = await emu.waitFor(() => trigger.fired);
    expect(fired).toMatchObject({ at: "beforeRun", sessionId: sessionOf(bot).id, code: 1006 });
    expect(fired.request.frame?.payload).toMatchObject({ content: { text: "never stored" } });
    expect(fired.request.result).toBeUndefined();
    expect(storedIds()).toEqual(before);
  });

  it("afterRun: the message is stored and the request's record names it, but the answer is lost", async () => {
    const bot = await connectRawBot(emu);
    const trigger = emu.faults.dropOn("sendMessage", { at: "afterRun" });
    void bot.call("sendMessage", text("stored, answer lost"), { timeout: 60_000 }).catch(() => undefined);
    expect((await bot.closed).code).toBe(1006);
    const { request: record } = await emu.waitFor(() => trigger.fired);
    const result = record.result as { payload: { messageId: string } };
    expect(storedIds()).toContain(result.payload.messageId);
    expect(record.response).toBeUndefined();
    const answers = bot.received.filter((frame) => typeof frame === "object" && frame.type === 2);
    expect(answers.map((frame) => (frame as { id: number }).id)).not.toContain(record.frame?.id);
  });

  it("beforeAnswer: with a response delay the drop comes when the answer is due", async () => {
    const bot = await connectRawBot(emu);
    emu.faults.delayResponses("sendMessage", 150);
    const trigger = emu.faults.dropOn("sendMessage", { at: "beforeAnswer", clean: true, code: 4000 });
    const mark = emu.frameCount;
    void bot.call("sendMessage", text("due later"), { timeout: 60_000 }).catch(() => undefined);
    const record = await emu.waitForFrame((r) => r.frame?.method === "sendMessage" && r.direction === "in", {
      since: mark,
    });
    await emu.waitFor(() => record.result);
    // stored, not yet dropped: the moment is the answer's, 150 ms later
    expect(bot.ws.readyState).toBe(WebSocket.OPEN);
    expect((await bot.closed).code).toBe(4000);
    expect((await emu.waitFor(() => trigger.fired)).at).toBe("beforeAnswer");
    expect(record.response).toBeUndefined();
  });

  it("afterAnswer: the client gets the answer, then the connection ends", async () => {
    const bot = await connectRawBot(emu);
    const trigger = emu.faults.dropOn("sendMessage", { at: "afterAnswer" });
    const answer = await bot.call("sendMessage", text("answered"));
    expect((await bot.closed).code).toBe(1006);
    const { request: record } = await emu.waitFor(() => trigger.fired);
    expect(record.response?.frame?.payload).toEqual(answer);
    expect(storedIds()).toContain(answer.messageId);
  });

  it("nth and sessionId pick the request; other requests and sessions pass", async () => {
    const [one, two] = [await connectRawBot(emu), await connectRawBot(emu)];
    const trigger = emu.faults.dropOn("getChats", { at: "beforeRun", nth: 2, sessionId: sessionOf(two).id });
    expect(Array.isArray(await one.call("getChats", { count: 5, page: 1 }))).toBe(true);
    expect(Array.isArray(await two.call("getChats", { count: 5, page: 1 }))).toBe(true);
    expect(trigger.fired).toBeUndefined();
    void two.call("getChats", { count: 5, page: 1 }, { timeout: 60_000 }).catch(() => undefined);
    expect((await two.closed).code).toBe(1006);
    expect((await emu.waitFor(() => trigger.fired)).sessionId).toBe(sessionOf(two).id);
    expect(Array.isArray(await one.call("getChats", { count: 5, page: 1 }))).toBe(true);
    await one.close();
  });

  it("reset disarms; bad arguments throw before anything is armed", async () => {
    const trigger = emu.faults.dropOn("getChats", { at: "beforeRun" });
    emu.faults.reset();
    const bot = await connectRawBot(emu);
    expect(Array.isArray(await bot.call("getChats", { count: 5, page: 1 }))).toBe(true);
    expect(trigger.fired).toBeUndefined();
    await bot.close();
    // @ts-expect-error an unknown moment
    expect(() => emu.faults.dropOn("getChats", { at: "later" })).toThrow(EmulatorConfigError);
    expect(() => emu.faults.dropOn("getChats", { at: "afterRun", nth: 0 })).toThrow(EmulatorConfigError);
    expect(() => emu.faults.dropOn("getChats", { at: "afterRun", clean: true, code: 1006 })).toThrow(
      EmulatorConfigError,
    );
    expect(() => emu.faults.dropOn("getChats", { at: "afterRun", sessionId: "s-none" })).toThrow(
      EmulatorConfigError,
    );
  });
});

describe("sendRaw with bytes", () => {
  it("sends a binary frame and a text frame of invalid UTF-8, and logs both by their bytes", async () => {
    const bot = await connectRawBot(emu);
    const binary = new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
      bot.ws.once("message", (data, isBinary) => resolve({ data: data as Buffer, isBinary })),
    );
    emu.faults.sendRaw(new Uint8Array([1, 2, 255]), { sessionId: sessionOf(bot).id, binary: true });
    expect(await binary).toEqual({ data: Buffer.from([1, 2, 255]), isBinary: true });
    const mark = emu.frameCount;
    const refused = new Promise<Error & { code?: string }>((resolve) => bot.ws.once("error", resolve));
    emu.faults.sendRaw(Buffer.from([0xc3, 0x28]), { sessionId: sessionOf(bot).id });
    // the client's ws library refuses the frame (and fails the connection with 1007)
    expect((await refused).code).toBe("WS_ERR_INVALID_UTF8");
    await bot.closed;
    expect(emu.framesSince(mark)[0]?.raw).toBe("<text, invalid UTF-8 2 bytes c328>");
    expect(emu.transcript()).toContain("<binary 3 bytes 0102ff>");
    expect(() => emu.faults.sendRaw("text", { binary: true })).toThrow(EmulatorConfigError);
    // @ts-expect-error not a frame
    expect(() => emu.faults.sendRaw(42)).toThrow(EmulatorConfigError);
  });

  it("sends valid UTF-8 bytes as the text they are", async () => {
    const bot = await connectRawBot(emu);
    const received = new Promise<string>((resolve) =>
      bot.ws.once("message", (data) => resolve(String(data))),
    );
    emu.faults.sendRaw(Buffer.from("привет"), { sessionId: sessionOf(bot).id });
    expect(await received).toBe("привет");
    expect(emu.frames.at(-1)?.raw).toBe("привет");
    await bot.close();
  });
});

const tokenUrl = () => `${emu.httpUrl}/bridge/api/client/v1/oauth/token`;
const askToken = (options: { headersTimeout?: number } = {}) =>
  request(tokenUrl(), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: "chat_bot",
      grant_type: "password",
      username: "bot",
      password: "bot-password",
    }),
    ...options,
  });

describe("token endpoint faults", () => {
  it("failTokenRequests answers count requests with the status, then tokens again", async () => {
    emu.faults.failTokenRequests({ status: 502, count: 1 });
    const failed = await askToken();
    expect(failed.statusCode).toBe(502);
    expect(await failed.body.json()).toMatchObject({ error: "server_error" });
    const ok = await askToken();
    expect(ok.statusCode).toBe(201);
    expect(await ok.body.json()).toMatchObject({ token_type: "JWT" });
    expect(() => emu.faults.failTokenRequests({ status: 200 })).toThrow(EmulatorConfigError);
  });

  it("delayTokenRequests holds the answer", async () => {
    emu.faults.delayTokenRequests(200);
    const started = performance.now();
    const res = await askToken();
    expect(res.statusCode).toBe(201);
    await res.body.dump();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("hangTokenRequests never answers: the client's own timeout fires", async () => {
    emu.faults.hangTokenRequests({ count: 1 });
    await expect(askToken({ headersTimeout: 300 })).rejects.toMatchObject({
      code: "UND_ERR_HEADERS_TIMEOUT",
    });
    const res = await askToken();
    expect(res.statusCode).toBe(201);
    await res.body.dump();
  });

  it("replaceTokenResponses sends a wrong body: text verbatim, objects as JSON", async () => {
    emu.faults.replaceTokenResponses("not json", { count: 1 });
    const garbage = await askToken();
    expect([garbage.statusCode, await garbage.body.text()]).toEqual([201, "not json"]);
    emu.faults.replaceTokenResponses({ token_type: "JWT" }, { status: 200, count: 1 });
    const noToken = await askToken();
    expect([noToken.statusCode, await noToken.body.json()]).toEqual([200, { token_type: "JWT" }]);
    const res = await askToken();
    expect(((await res.body.json()) as { access_token?: string }).access_token).toEqual(expect.any(String));
  });
});

describe("expireTokens per bot", () => {
  it("expires only the named bot's tokens, on auth and with onRequests on requests", async () => {
    const helperToken = emu.issueToken("helper");
    const botToken = emu.issueToken("bot");
    const helper = await connectRawBot(emu, { login: "helper", token: helperToken });
    const bot = await connectRawBot(emu, { token: botToken });
    emu.faults.expireTokens({ bot: "helper", onRequests: true });
    expect((await helper.call("getChats", { count: 5, page: 1 })).errorCode).toBe(203);
    await expect(connectRawBot(emu, { login: "helper", token: helperToken })).rejects.toMatchObject({
      errorCode: 203,
    });
    expect(Array.isArray(await bot.call("getChats", { count: 5, page: 1 }))).toBe(true);
    const again = await connectRawBot(emu, { token: botToken });
    const fresh = await connectRawBot(emu, { login: "helper" });
    expect(() => emu.faults.expireTokens({ bot: "alice" })).toThrow(EmulatorConfigError);
    await Promise.all([helper.close(), bot.close(), again.close(), fresh.close()]);
  });
});
