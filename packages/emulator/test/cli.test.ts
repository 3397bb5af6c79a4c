import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { spawnNode } from "./support/child-process.js";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function startCli(args: string[]) {
  const { child, exited, output, errors } = spawnNode(["--import", "tsx", cli, ...args]);
  const banner = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no banner within 15 s: ${output()} ${errors()}`)),
      15_000,
    );
    child.stdout.on("data", () => {
      if (!output().includes("Press Ctrl+C")) return;
      clearTimeout(timer);
      resolve(output());
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited early: ${errors()}`));
    });
  });
  // the banner of a run that is meant to fail is never awaited
  banner.catch(() => undefined);
  return { child, banner, exited, errors, output };
}

describe("tc-emulator CLI", () => {
  it("prints URL, credentials and a token that works, then stops cleanly on SIGTERM", async () => {
    const run = startCli([
      "--port",
      "0",
      "--server-name",
      "cli.example.test",
      "--protocol",
      "roleFormat=number",
    ]);
    const banner = await run.banner;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const token = /Token: (\S+)/.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(banner).toContain("Bot login: bot");
    expect(banner).toContain("Bot password: bot-password");
    const info = await request(`${url}/api/v4/server`);
    expect(((await info.body.json()) as { product: { display_name: string } }).product.display_name).toBe(
      "cli.example.test",
    );
    const ws = new WebSocket(`${url?.replace("http", "ws")}/websocket/chat_bot/`, "json.v1");
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once("message", (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
    );
    ws.send(JSON.stringify({ type: 1, id: 1, method: "auth", payload: { token, tokenType: "JWT" } }));
    expect(((await reply).payload as { userId: string }).userId).toMatch(/^bot@cli\.example\.test/);
    // every id ends its line, so that copying it takes nothing else (a glued comma made the chat id unknown: 304)
    const value = (label: string) => new RegExp(`^${label}: (.+)$`, "m").exec(banner)?.[1];
    expect(value("Bot TrueConf ID")).toBe("bot@cli.example.test");
    expect(["alice", "bob", "carol"].map((login) => value(`User ${login}`))).toEqual([
      "alice@cli.example.test",
      "bob@cli.example.test",
      "carol@cli.example.test",
    ]);
    let nextId = 1;
    const call = (method: string, payload: Record<string, unknown>) => {
      nextId += 1;
      const id = nextId;
      return new Promise<Record<string, unknown>>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const frame = JSON.parse(data.toString()) as {
            type: number;
            id: number;
            payload: Record<string, unknown>;
          };
          if (frame.type !== 2 || frame.id !== id) return;
          ws.off("message", onMessage);
          resolve(frame.payload);
        };
        ws.on("message", onMessage);
        ws.send(JSON.stringify({ type: 1, id, method, payload }));
      });
    };
    for (const label of ["P2P chat with alice", 'Group chat "Team"']) {
      const chat = await call("getChatByID", { chatId: value(label) });
      expect(chat.errorCode, label).toBeUndefined();
      expect(chat.chatId).toBe(value(label));
    }
    expect((await call("getChatByID", { chatId: value("P2P chat with alice") })).chatType).toBe(1);
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(await closed).toBe(1001);
    expect(run.output()).toContain("SIGTERM received, stopping");
  });

  it("serves https with --tls-key/--tls-cert, accepts the printed credentials, and stops cleanly on SIGINT", async () => {
    const run = startCli([
      "--port",
      "0",
      "--tls-key",
      fixture("tls-key.pem"),
      "--tls-cert",
      fixture("tls-cert.pem"),
    ]);
    const banner = await run.banner;
    const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(banner).toMatch(/WebSocket: wss:\/\/127\.0\.0\.1:\d+\/websocket\/chat_bot\//);
    const login = /Bot login: (\S+)/.exec(banner)?.[1];
    const password = /Bot password: (\S+)/.exec(banner)?.[1];
    const trusted = new Agent({ connect: { ca: readFileSync(fixture("tls-cert.pem")) } });
    try {
      const token = await request(`${url}/bridge/api/client/v1/oauth/token`, {
        method: "POST",
        dispatcher: trusted,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: "chat_bot", grant_type: "password", username: login, password }),
      });
      expect(token.statusCode).toBe(201);
      expect(await token.body.json()).toMatchObject({ token_type: "JWT" });
    } finally {
      await trusted.close();
    }
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("SIGINT received, stopping");
    const port = Number(new URL(url ?? "").port);
    const refused = await new Promise<string | undefined>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("builds a --world file, prints every TrueConf ID, a token per bot, the control API and the playground", async () => {
    const run = startCli(["--port", "0", "--world", fixture("world.json")]);
    const banner = await run.banner;
    const value = (label: string) => new RegExp(`^${label}: (.+)$`, "m").exec(banner)?.[1];
    expect(value("User dana")).toBe("dana@emulator.local");
    expect(value("User fox")).toBe("fox@emulator.local");
    expect(value("Bot helper")).toBe("helper@emulator.local");
    expect(banner).not.toContain("helper-password");
    expect(banner).not.toContain("User alice");
    const url = /listening on (\S+)/.exec(banner)?.[1];
    const api = value("Control API");
    expect(api).toBe(`${url}/emulator/api`);
    expect(value("Playground")).toBe(`${url}/playground`);
    expect(banner).not.toContain("Control token");
    const group = value('Chat "X-Files" \\(group\\)');
    expect(value('Chat "fox & helper" \\(p2p\\)')).toMatch(/^[0-9a-f]{40}$/);
    const messages = (await (await fetch(`${api}/chats/${group}/messages`)).json()) as {
      messages: { content: { text: string } }[];
    };
    expect(messages.messages.map((m) => m.content.text)).toEqual(["**Trust no one**"]);
    const ws = new WebSocket(`${url?.replace(/^http/, "ws")}/websocket/chat_bot/`, "json.v1");
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once("message", (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
    );
    ws.send(
      JSON.stringify({
        type: 1,
        id: 1,
        method: "auth",
        payload: { token: value("Token for helper"), tokenType: "JWT" },
      }),
    );
    expect(((await reply).payload as { userId: string }).userId).toMatch(/^helper@emulator\.local/);
    ws.close();
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("prints a control token off loopback, and no playground with --no-playground", async () => {
    const run = startCli(["--port", "0", "--host", "0.0.0.0", "--no-playground"]);
    const banner = await run.banner;
    expect(banner).toMatch(/^Control token: [\w-]{32}$/m);
    expect(banner).not.toContain("Playground:");
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("exits with 2 on a world file that is wrong, naming the place", async () => {
    const run = startCli(["--port", "0", "--world", fixture("tls-key.pem")]);
    expect(await run.exited).toBe(2);
    expect(run.errors()).toContain("is not JSON");
  });

  it("exits with 2 and the usage on a bad protocol option", async () => {
    const run = startCli(["--protocol", "roleFormat=octal"]);
    expect(await run.exited).toBe(2);
    expect(run.errors()).toContain('protocol option "roleFormat" must be "string" | "number"');
    expect(run.errors()).toContain("Usage: tc-emulator");
  });
});
