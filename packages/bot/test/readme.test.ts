// Runs every example of the README against the emulator: the connection settings are pointed at it, the
// examples import the package source, and a human checks that the bots answer.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { messagesOf, startEmulator, waitFor } from "./support/world.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const scratch = new URL("../test-results/readme/", import.meta.url);

/** Writes an example, pointed at the emulator on `port`, and returns its module URL. */
function adapt(index: number, port: number): string {
  const code = (blocks[index] as string)
    .replaceAll('from "@tc/bot"', `from "${["..", "..", "src", "index.js"].join("/")}"`)
    .replaceAll('server: "video.example.com"', `server: "127.0.0.1", https: false, webPort: ${port}`)
    .replace(
      'Bot.fromCredentials("video.example.com", "echo_bot", process.env.PASSWORD ?? "", {',
      `Bot.fromCredentials("127.0.0.1", "bot", "bot-password", { https: false, webPort: ${port},`,
    );
  mkdirSync(scratch, { recursive: true });
  const file = new URL(`example-${index + 1}.ts`, scratch);
  writeFileSync(file, code);
  return file.href;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README examples", () => {
  it("has the three examples this test runs; the root README's echo bot is the first, and no longer than Python's", () => {
    expect(blocks).toHaveLength(3);
    const root = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const ours = /```ts\n([\s\S]*?)```/.exec(root)?.[1];
    const theirs = /```python\n([\s\S]*?)```/.exec(root)?.[1];
    expect(ours).toBe(blocks[0]);
    const lines = (code = "") => code.split("\n").filter((line) => line.trim() !== "").length;
    expect(lines(ours)).toBeLessThanOrEqual(lines(theirs));
  });

  it("the echo bot answers a human, and Ctrl+C drains it", async () => {
    const emu = await startEmulator();
    process.env.TOKEN = emu.issueToken("bot");
    const running = import(adapt(0, emu.port));
    await waitFor(() => emu.sessions.some((s) => s.authorized));
    await emu.as("alice").send(emu.seeded!.p2pChatId, "ping");
    await waitFor(() => messagesOf(emu, emu.seeded!.p2pChatId).length === 2);
    expect(messagesOf(emu, emu.seeded!.p2pChatId).map((m) => m.content.text)).toEqual(["ping", "ping"]);
    process.emit("SIGINT");
    await running;
    expect(emu.sessions.some((s) => s.open)).toBe(false);
  });

  it("the credentials example logs in, reports its health and shuts down", async () => {
    const emu = await startEmulator();
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import(adapt(1, emu.port));
    const lines = log.mock.calls.map((call) => call.join(" "));
    expect(lines).toContain(`running as ${emu.seeded!.bot.userId}`);
    expect(lines).toContain("bot is authorized");
  });

  it("two bots run in one process and stop together on Ctrl+C", async () => {
    const emu = await startEmulator();
    emu.addBot({ login: "alerts", password: "alerts-password" });
    process.env.SUPPORT_TOKEN = emu.issueToken("bot");
    process.env.ALERTS_TOKEN = emu.issueToken("alerts");
    const running = import(adapt(2, emu.port));
    await waitFor(() => emu.sessions.filter((s) => s.authorized).length === 2);
    process.emit("SIGINT");
    await running;
    expect(emu.sessions.some((s) => s.open)).toBe(false);
  });
});
