import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { controlRoutes } from "../src/control/control-routes.js";
import { Emulator } from "../src/index.js";
import { type ControlAnswer, controlClient } from "./support/control-client.js";
import { connectRawBot } from "./support/raw-bot.js";

let emu: Emulator;
let call: ReturnType<typeof controlClient>;
let team: string;

beforeEach(async () => {
  emu = await Emulator.start();
  call = controlClient(emu);
  team = emu.seeded?.groupChatId as string;
});
afterEach(async () => {
  await emu.stop();
});

function blob(data: string, type = "text/plain") {
  return new Blob([Buffer.from(data)], { type });
}

/** Routes exercised below, as "METHOD /path" of the route table, so none can be left out. */
const exercised = new Set<string>();
async function route(method: string, template: string, path: string, body?: unknown): Promise<ControlAnswer> {
  exercised.add(`${method} ${template}`);
  return call(method, path, body);
}

describe("the control API over HTTP", () => {
  it("serves every route of the table with valid input", async () => {
    const a = "/as/alice";
    expect((await route("GET", "/openapi.json", "/openapi.json")).body.openapi).toBe("3.1.0");
    expect((await route("GET", "/info", "/info")).body).toMatchObject({
      serverName: "emulator.local",
      wsUrl: emu.wsUrl,
    });
    expect(
      (await route("GET", "/users", "/users")).body.users.map((u: { login: string }) => u.login),
    ).toEqual(["bot", "alice", "bob", "carol"]);
    expect(await route("POST", "/users", "/users", { login: "dave", displayName: "Dave" })).toEqual({
      status: 201,
      body: { userId: "dave@emulator.local" },
    });
    expect(await route("POST", "/bots", "/bots", { login: "helper", password: "pw-1" })).toEqual({
      status: 201,
      body: { userId: "helper@emulator.local", login: "helper" },
    });
    const token = await route("POST", "/bots/{bot}/token", "/bots/helper/token", { expiresInSeconds: 60 });
    const helper = await connectRawBot(emu, { token: token.body.token });
    expect(helper.userId).toMatch(/^helper@emulator\.local/);
    const bots = (await route("GET", "/bots", "/bots")).body.bots;
    expect(bots.map((b: { login: string; sessions: unknown[] }) => [b.login, b.sessions.length])).toEqual([
      ["bot", 0],
      ["helper", 1],
    ]);
    expect(JSON.stringify(bots)).not.toContain("pw-1");
    const made = await route("POST", "/chats", "/chats", {
      type: "group",
      title: "Ops",
      owner: "alice",
      participants: ["helper", "bob"],
    });
    expect(made.status).toBe(201);
    const ops = made.body.chatId as string;
    expect(
      (await route("GET", "/chats", "/chats")).body.chats.map((c: { title: string }) => c.title),
    ).toContain("Ops");
    expect((await route("GET", "/chats/{chatId}", `/chats/${ops}`)).body).toMatchObject({
      type: "group",
      title: "Ops",
    });
    expect(
      (await route("GET", "/chats/{chatId}/participants", `/chats/${ops}/participants`)).body.participants,
    ).toHaveLength(3);

    const sent = await route("POST", "/as/{user}/messages", `${a}/messages`, {
      chatId: ops,
      text: "<b>hi</b>",
      parseMode: "html",
    });
    expect(sent.status).toBe(201);
    const event = await helper.nextEvent("sendMessage");
    expect(event.payload).toMatchObject({
      content: { text: "<b>hi</b>", parseMode: "html" },
      author: { id: "alice@emulator.local" },
    });
    const messageId = sent.body.messageId as string;
    const replied = await route("POST", "/as/{user}/messages", "/as/bob/messages", {
      chatId: ops,
      text: "yes",
      replyMessageId: messageId,
    });
    expect(emu.messages(ops).at(-1)).toMatchObject({ replyMessageId: messageId });
    expect(
      (await route("GET", "/chats/{chatId}/messages", `/chats/${ops}/messages`)).body.messages,
    ).toHaveLength(2);
    // bob's answer is unread for alice until her client marks the chat read
    const asAlice = await route("GET", "/as/{user}/chats", "/as/alice/chats");
    expect(asAlice.body.chats.find((c: { chatId: string }) => c.chatId === ops)).toMatchObject({
      title: "Ops",
      unreadMessages: 1,
    });
    expect(await route("POST", "/as/{user}/chats/{chatId}/read", `/as/alice/chats/${ops}/read`)).toEqual({
      status: 204,
      body: undefined,
    });
    expect(
      (await call("GET", "/as/alice/chats")).body.chats.find((c: { chatId: string }) => c.chatId === ops)
        .unreadMessages,
    ).toBe(0);
    expect(
      (await route("GET", "/as/{user}/chats/{chatId}/messages", `${a}/chats/${ops}/messages`)).body.messages,
    ).toHaveLength(2);

    const form = new FormData();
    form.set("chatId", ops);
    form.set("caption", "**see**");
    form.set("parseMode", "markdown");
    form.set("replyMessageId", replied.body.messageId);
    form.set("file", blob("png-bytes", "image/png"), "picture.png");
    form.set("preview", blob("webp", "image/webp"), "p.webp");
    const uploaded = await route("POST", "/as/{user}/files", `${a}/files`, form);
    expect(uploaded.status).toBe(201);
    const info = await route("GET", "/as/{user}/files/{fileId}", `${a}/files/${uploaded.body.fileId}`);
    expect(info.body).toMatchObject({ name: "picture.png", size: 9, mimeType: "image/png", readyState: 2 });
    expect(await (await fetch(info.body.downloadUrl)).text()).toBe("png-bytes");
    expect(await (await fetch(info.body.previews[0].downloadUrl)).text()).toBe("webp");
    expect(emu.messages(ops).at(-1)).toMatchObject({
      type: 202,
      replyMessageId: replied.body.messageId,
      content: { caption: { text: "**see**", parseMode: "markdown" } },
    });

    expect(
      (
        await route("PUT", "/as/{user}/messages/{messageId}", `${a}/messages/${messageId}`, {
          text: "edited",
        })
      ).status,
    ).toBe(204);
    expect((await helper.nextEvent("editMessage")).payload).toMatchObject({
      content: { text: "edited", parseMode: "text" },
    });
    const forwarded = await route(
      "POST",
      "/as/{user}/messages/{messageId}/forward",
      `${a}/messages/${messageId}/forward`,
      { chatId: team },
    );
    expect(forwarded.status).toBe(201);
    expect(
      (await route("DELETE", "/as/{user}/messages/{messageId}", `${a}/messages/${messageId}?forAll=true`))
        .status,
    ).toBe(204);
    expect((await helper.nextEvent("removeMessage")).payload).toMatchObject({ messageId });

    const p2p = await route("POST", "/as/{user}/p2p-chats", `${a}/p2p-chats`, { with: "helper" });
    expect((await helper.nextEvent("createP2PChat")).payload).toMatchObject({ chatId: p2p.body.chatId });
    const group = await route("POST", "/as/{user}/group-chats", `${a}/group-chats`, {
      title: "G",
      participants: ["bob"],
    });
    const channel = await route("POST", "/as/{user}/channels", `${a}/channels`, { title: "C" });
    expect([p2p.status, group.status, channel.status]).toEqual([201, 201, 201]);
    const c = channel.body.chatId as string;
    expect(
      (
        await route("POST", "/as/{user}/chats/{chatId}/participants", `${a}/chats/${c}/participants`, {
          user: "helper",
          displayHistory: true,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await route(
          "PUT",
          "/as/{user}/chats/{chatId}/participants/{member}/role",
          `${a}/chats/${c}/participants/helper/role`,
          { role: "writer" },
        )
      ).status,
    ).toBe(204);
    expect(emu.chat(c)?.participants).toContainEqual({ userId: "helper@emulator.local", role: "writer" });
    expect(
      (await route("PUT", "/as/{user}/chats/{chatId}/title", `${a}/chats/${c}/title`, { title: "News" }))
        .status,
    ).toBe(204);
    const avatar = new FormData();
    avatar.set("file", blob("img", "image/png"), "a.png");
    expect(
      (await route("PUT", "/as/{user}/chats/{chatId}/avatar", `${a}/chats/${c}/avatar`, avatar)).status,
    ).toBe(204);
    expect(
      (
        await route("POST", "/as/{user}/chats/{chatId}/clear-history", `${a}/chats/${c}/clear-history`, {
          forAll: true,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await route(
          "DELETE",
          "/as/{user}/chats/{chatId}/participants/{member}",
          `${a}/chats/${c}/participants/helper`,
        )
      ).status,
    ).toBe(204);
    expect(emu.chat(c)?.participants.map((p) => p.userId)).toEqual(["alice@emulator.local"]);
    expect((await route("DELETE", "/as/{user}/chats/{chatId}", `${a}/chats/${c}`)).status).toBe(204);
    expect(emu.chat(c)).toBeUndefined();

    const limits = { maxSize: 1000, extensions: { mode: "block", list: ["exe"] } };
    expect((await route("PUT", "/upload-limits", "/upload-limits", limits)).body).toEqual(limits);
    expect((await helper.nextEvent("getFileUploadLimits")).payload).toEqual(limits);
    expect((await route("GET", "/upload-limits", "/upload-limits")).body).toEqual(limits);

    // faults
    expect(
      (await route("POST", "/faults/fail-next", "/faults/fail-next", { method: "getChats", errorCode: 304 }))
        .status,
    ).toBe(204);
    expect((await helper.call("getChats", {})).errorCode).toBe(304);
    expect(
      (
        await route("POST", "/faults/delay-responses", "/faults/delay-responses", {
          method: "getChats",
          ms: 1,
        })
      ).status,
    ).toBe(204);
    expect(
      (await route("POST", "/faults/never-answer", "/faults/never-answer", { method: "getChats", count: 1 }))
        .status,
    ).toBe(204);
    await expect(helper.call("getChats", {}, { timeout: 200 })).rejects.toThrow(/no response/);
    expect(
      (
        await route("POST", "/faults/refuse-handshakes", "/faults/refuse-handshakes", {
          count: 1,
          status: 502,
        })
      ).status,
    ).toBe(204);
    await expect(connectRawBot(emu)).rejects.toThrow(/502/);
    expect(
      (await route("POST", "/faults/delay-handshakes", "/faults/delay-handshakes", { ms: 0 })).status,
    ).toBe(204);
    const old = emu.issueToken("helper");
    expect(
      (await route("POST", "/faults/expire-tokens", "/faults/expire-tokens", { bot: "helper" })).status,
    ).toBe(204);
    await expect(connectRawBot(emu, { token: old })).rejects.toMatchObject({ errorCode: 203 });
    expect((await route("POST", "/faults/reset", "/faults/reset")).status).toBe(204);
    const bot = await connectRawBot(emu);
    const dropped = await route("POST", "/faults/drop-sessions", "/faults/drop-sessions", {
      bot: "helper",
      clean: true,
      code: 4000,
    });
    expect(dropped.body.dropped).toEqual([
      { sessionId: expect.any(String), userId: "helper@emulator.local", code: 4000 },
    ]);
    expect((await helper.closed).code).toBe(4000);
    expect((await call("POST", "/faults/drop-sessions", { bot: "bot" })).body.dropped[0].code).toBe(1006);
    expect((await bot.closed).code).toBe(1006);

    // observation
    expect((await route("GET", "/sessions", "/sessions")).body.sessions.length).toBeGreaterThanOrEqual(2);
    const frames = await route("GET", "/frames", "/frames", undefined);
    expect(frames.body.next).toBe(emu.frameCount);
    expect(JSON.stringify(frames.body)).not.toContain(token.body.token);
    const onlyAuth = (await call("GET", "/frames?method=auth&limit=10000")).body.frames;
    expect(onlyAuth.length).toBeGreaterThan(0);
    expect(
      onlyAuth.every(
        (f: { frame?: { method?: string; type: number } }) =>
          f.frame?.method === "auth" || f.frame?.type === 2,
      ),
    ).toBe(true);
    expect(
      onlyAuth.find((f: { frame?: { payload?: { token?: string } } }) => f.frame?.payload?.token)?.frame
        .payload.token,
    ).toBe("[redacted]");
    const page = (await call("GET", "/frames?since=1&limit=2")).body;
    expect(page.frames.map((f: { seq: number }) => f.seq)).toEqual([1, 2]);
    expect(page.next).toBe(3);
    const transcript = await route("GET", "/transcript", "/transcript");
    expect(transcript.body).toContain("[redacted]");
    expect(transcript.body).not.toContain(token.body.token);

    // the live stream, reached through its route
    exercised.add("GET /events");
    const remaining = controlRoutes.map((r) => `${r.method} ${r.path}`).filter((key) => !exercised.has(key));
    expect(remaining).toEqual([]);
  });

  it("answers bad input with 400 naming the field, and changes nothing", async () => {
    const before = JSON.stringify([emu.accounts(), emu.messages(team), emu.chat(team)]);
    const cases: [string, string, unknown, string][] = [
      ["POST", "/users", { displayName: "x" }, "login"],
      ["POST", "/users", { login: "has space" }, "login"],
      ["POST", "/users", { login: "x", extra: 1 }, "extra"],
      ["POST", "/bots", { login: "b" }, "password"],
      ["POST", "/bots/bot/token", { expiresInSeconds: "1" }, "expiresInSeconds"],
      ["POST", "/chats", { type: "room", owner: "alice" }, "type"],
      ["POST", "/chats", { type: "group", owner: "alice", participants: ["bob", 7] }, "participants[1]"],
      ["POST", "/as/alice/messages", { chatId: team }, "text"],
      ["POST", "/as/alice/messages", { chatId: team, text: "x", parseMode: "rtf" }, "parseMode"],
      ["PUT", "/as/alice/messages/m1", { text: "" }, "text"],
      ["POST", "/as/alice/messages/m1/forward", {}, "chatId"],
      ["POST", "/as/alice/p2p-chats", { with: "" }, "with"],
      ["POST", "/as/alice/group-chats", { title: 5 }, "title"],
      ["POST", "/as/alice/channels", { participants: [] }, "title"],
      [
        "POST",
        `/as/alice/chats/${team}/participants`,
        { user: "bob", displayHistory: "yes" },
        "displayHistory",
      ],
      ["PUT", `/as/alice/chats/${team}/participants/bot/role`, {}, "role"],
      ["PUT", `/as/alice/chats/${team}/title`, { title: "" }, "title"],
      ["POST", `/as/alice/chats/${team}/clear-history`, { forAll: 1 }, "forAll"],
      ["PUT", "/upload-limits", { maxSize: -1, extensions: null }, "maxSize"],
      ["PUT", "/upload-limits", { maxSize: null, extensions: { mode: "deny", list: [] } }, "extensions.mode"],
      ["PUT", "/upload-limits", { maxSize: null }, "extensions"],
      ["POST", "/faults/drop-sessions", { code: 99 }, "code"],
      ["POST", "/faults/expire-tokens", { onRequests: "true" }, "onRequests"],
      ["POST", "/faults/delay-responses", { method: "x", ms: -5 }, "ms"],
      ["POST", "/faults/fail-next", { method: "x" }, "errorCode"],
      ["POST", "/faults/never-answer", { method: "x", count: 0 }, "count"],
      ["POST", "/faults/refuse-handshakes", { count: 1, status: 200 }, "status"],
      ["POST", "/faults/delay-handshakes", { ms: 1.5 }, "ms"],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await call(method, path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(answer.body, `${method} ${path}`).toMatchObject({ error: "invalid_request", field });
      expect(answer.body.message).toContain(field);
    }
    const queries: [string, string][] = [
      ["/frames?since=-1", "since"],
      ["/frames?limit=abc", "limit"],
      ["/frames?what=1", "what"],
      ["/as/alice/messages/m1?forAll=maybe", "forAll"],
      ["/events?frames=no", "frames"],
    ];
    for (const [path, field] of queries) {
      const answer = await call(path.startsWith("/as/") ? "DELETE" : "GET", path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.field, path).toBe(field);
    }
    // not JSON, the wrong content type, an array instead of an object, a multipart form without its file
    expect((await call("POST", "/users", "{nope")).body).toMatchObject({ error: "invalid_request" });
    expect(
      (await call("POST", "/users", "login=x", { "content-type": "application/x-www-form-urlencoded" }))
        .status,
    ).toBe(415);
    expect((await call("POST", "/users", [])).body.message).toContain("must be a JSON object");
    const form = new FormData();
    form.set("chatId", team);
    expect((await call("POST", "/as/alice/files", form)).body).toMatchObject({
      error: "invalid_request",
      field: "file",
    });
    const badField = new FormData();
    badField.set("chatId", team);
    badField.set("ready", "perhaps");
    badField.set("file", blob("a"), "a.txt");
    expect((await call("POST", "/as/alice/files", badField)).body.field).toBe("ready");
    const unknownPart = new FormData();
    unknownPart.set("chatId", team);
    unknownPart.set("other", blob("a"), "a.txt");
    expect((await call("POST", "/as/alice/files", unknownPart)).body.field).toBe("other");
    expect((await call("POST", "/as/alice/files", "{}")).status).toBe(400);
    expect(JSON.stringify([emu.accounts(), emu.messages(team), emu.chat(team)])).toBe(before);
  });

  it("answers unknown things with 404, refusals with the wire code, wrong methods with 405", async () => {
    expect(await call("GET", "/nowhere")).toMatchObject({ status: 404, body: { error: "not_found" } });
    expect(await call("GET", "/chats/nope")).toMatchObject({ status: 404, body: { field: "chatId" } });
    expect(await call("POST", "/as/dave/messages", { chatId: team, text: "x" })).toMatchObject({
      status: 404,
      body: { field: "user" },
    });
    expect(await call("POST", "/as/bot/messages", { chatId: team, text: "x" })).toMatchObject({
      status: 400,
      body: { field: "user" },
    });
    expect(await call("POST", "/as/alice/messages", { chatId: "nope", text: "x" })).toMatchObject({
      status: 404,
      body: { errorCode: 304 },
    });
    expect(await call("POST", "/as/bob/messages", { chatId: team, text: "x" })).toMatchObject({
      status: 403,
      body: { errorCode: 305 },
    });
    expect(
      await call("PUT", `/as/alice/chats/${team}/participants/bot/role`, { role: "wizard" }),
    ).toMatchObject({ status: 409, body: { errorCode: 312 } });
    expect(await call("POST", "/bots/alice/token", {})).toMatchObject({
      status: 400,
      body: { field: "bot" },
    });
    expect(await call("POST", "/users", { login: "alice" })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("already exists") },
    });
    const wrong = await fetch(`${emu.controlApiUrl}/transcript`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    // protocol paths are untouched by the control API
    expect((await fetch(`${emu.httpUrl}/api/v4/server`)).status).toBe(200);
  });

  it("refuses cross-origin browser requests", async () => {
    const answer = await call("POST", "/users", { login: "evil" }, { origin: "http://attacker.example" });
    expect(answer).toMatchObject({ status: 403, body: { error: "forbidden" } });
    expect(emu.accounts().some((account) => account.login === "evil")).toBe(false);
    const sameOrigin = await call("POST", "/users", { login: "fine" }, { origin: emu.httpUrl });
    expect(sameOrigin.status).toBe(201);
  });

  it("streams world events and frames live (Server-Sent Events)", async () => {
    const controller = new AbortController();
    const res = await fetch(`${emu.controlApiUrl}/events`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    const events: { name: string; data: { kind?: string; seq?: number; frameCount?: number } }[] = [];
    const next = async (match: (e: (typeof events)[number]) => boolean) => {
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += value;
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) events.push({ name, data: JSON.parse(data) });
        }
      }
    };
    expect((await next((e) => e.name === "hello")).data.frameCount).toBe(0);
    const bot = await connectRawBot(emu);
    await call("POST", "/as/alice/messages", { chatId: team, text: "live" });
    const message = await next((e) => e.name === "world" && e.data.kind === "message");
    expect(message.data).toMatchObject({ chatId: team, message: { content: { text: "live" } } });
    const frame = await next(
      (e) =>
        e.name === "frame" && (e.data as { frame?: { method?: string } }).frame?.method === "sendMessage",
    );
    expect(frame.data).toMatchObject({ direction: "out", sessionId: expect.any(String) });
    const auth = await next(
      (e) => e.name === "frame" && (e.data as { frame?: { method?: string } }).frame?.method === "auth",
    );
    expect(JSON.stringify(auth.data)).toContain("[redacted]");
    await emu.as("alice").editTitle(team, "Renamed");
    expect((await next((e) => e.data.kind === "chatChanged")).data).toMatchObject({
      chat: { title: "Renamed" },
    });
    await emu.as("alice").clearHistory(team, { forAll: true });
    expect((await next((e) => e.data.kind === "historyCleared")).data).toMatchObject({ forAll: true });
    await bot.close();
    controller.abort();
  });
});

describe("the control token off the loopback interface", () => {
  it("is required, printed nowhere but the emulator, and never accepted by the protocol endpoints", async () => {
    await emu.stop();
    emu = await Emulator.start({ host: "0.0.0.0" });
    const token = emu.controlToken as string;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(emu.playgroundUrl).toBe(`${emu.httpUrl}/playground#token=${token}`);
    const local = emu.httpUrl.replace("0.0.0.0", "127.0.0.1");
    const noToken = await fetch(`${local}/emulator/api/users`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await fetch(`${local}/emulator/api/users`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await fetch(`${local}/emulator/api/users`, { headers: bearer })).status).toBe(200);
    // the protocol side: the control token is no bot token
    const ws = await connectRawBot(emu, { auth: false });
    expect((await ws.call("auth", { token, tokenType: "JWT" })).errorCode).toBe(201);
    await ws.close();
    const oauth = await fetch(`${local}/bridge/api/client/v1/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer },
      body: JSON.stringify({
        client_id: "chat_bot",
        grant_type: "password",
        username: "bot",
        password: token,
      }),
    });
    expect(oauth.status).toBe(401);
    // and a bot's token is no control token
    const botToken = emu.issueToken("bot");
    expect(
      (await fetch(`${local}/emulator/api/users`, { headers: { authorization: `Bearer ${botToken}` } }))
        .status,
    ).toBe(401);
  });

  it("can be required on loopback too, and refuses a weak one", async () => {
    await emu.stop();
    emu = await Emulator.start({ controlToken: "a-long-enough-token" });
    expect((await controlClient(emu, "")("GET", "/users")).status).toBe(401);
    expect((await controlClient(emu)("GET", "/users")).status).toBe(200);
    await expect(Emulator.start({ controlToken: "short" })).rejects.toThrow(/controlToken/);
  });

  it("goes away with the API switched off", async () => {
    await emu.stop();
    emu = await Emulator.start({ controlApi: false });
    expect((await fetch(`${emu.controlApiUrl}/users`)).status).toBe(404);
    expect((await fetch(`${emu.httpUrl}/playground`)).status).toBe(404);
    expect(emu.playgroundUrl).toBeUndefined();
  });
});
