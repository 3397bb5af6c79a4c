import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function startCli(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  let errors = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    errors += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const banner = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 15 s: ${output} ${errors}`)), 15_000);
    child.stdout.on("data", () => {
      if (!output.includes("Press Ctrl+C")) return;
      clearTimeout(timer);
      resolve(output);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited early: ${errors}`));
    });
  });
  // the banner of a run that is meant to fail is never awaited
  banner.catch(() => undefined);
  return { child, banner, exited, errors: () => errors, output: () => output };
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
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(await closed).toBe(1001);
    expect(run.output()).toContain("SIGTERM received, stopping");
  });

  it("exits with 2 and the usage on a bad protocol option", async () => {
    const run = startCli(["--protocol", "roleFormat=octal"]);
    expect(await run.exited).toBe(2);
    expect(run.errors()).toContain('protocol option "roleFormat" must be "string" | "number"');
    expect(run.errors()).toContain("Usage: tc-emulator");
  });
});
