// The examples as programs: `node --import tsx src/<example>.ts` with an embedded emulator (what is typed is
// said by alice), and against the server the environment names.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError } from "@tc/bot";
import { describe, expect, it } from "vitest";
import { connectionFromEnv } from "../src/run-example.js";
import { startEmulator } from "./support/conversation.js";

const examples = fileURLToPath(new URL("..", import.meta.url));

/** Starts an example as its README says, with `env` instead of the TRUECONF_* variables of this process. */
function run(
  file: string,
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams & { output: () => string } {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("TRUECONF_")),
  );
  const child = spawn(process.execPath, ["--import", "tsx", `src/${file}`], {
    cwd: examples,
    env: { ...inherited, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return Object.assign(child, { output: () => output });
}

async function waitForOutput(
  child: ReturnType<typeof run>,
  pattern: RegExp,
  timeout = 15_000,
): Promise<void> {
  const started = Date.now();
  while (!pattern.test(child.output())) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${child.output()}`);
    if (Date.now() - started > timeout)
      throw new Error(`no ${pattern} within ${timeout} ms:\n${child.output()}`);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 100);
      child.stdout.once("data", () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
}

describe("running an example", () => {
  it("without TRUECONF_SERVER starts an embedded emulator where what you type is said by alice; Ctrl+C stops", async () => {
    const child = run("echo-bot.ts");
    await waitForOutput(child, /Type a message as alice/);
    child.stdin.write("Hello from the terminal\n");
    await waitForOutput(child, /\[P2P\] bot@emulator\.local\S*: Hello from the terminal/);
    expect(child.output()).toContain("[P2P] alice@emulator.local: Hello from the terminal");
    const exited = once(child, "exit");
    child.kill("SIGINT");
    expect(await exited).toEqual([0, null]);
  });

  it("with TRUECONF_SERVER and a token connects to that server", async () => {
    const { emu } = await startEmulator();
    const child = run("echo-bot.ts", {
      TRUECONF_SERVER: "127.0.0.1",
      TRUECONF_HTTPS: "false",
      TRUECONF_WEB_PORT: String(emu.port),
      TRUECONF_TOKEN: emu.issueToken("bot"),
    });
    await waitForOutput(child, /Running as bot@emulator\.local on 127\.0\.0\.1\./);
    const chat = emu.seeded!.p2pChatId;
    await emu.as("alice").send(chat, "ping over the environment");
    await emu
      .waitFor(() => emu.messages(chat).length === 2)
      .catch((error) => {
        throw new Error(`${error.message}\n${child.output()}\n${emu.transcript()}`);
      });
    expect(emu.messages(chat).map((m) => (m.content as { text?: string }).text)).toEqual([
      "ping over the environment",
      "ping over the environment",
    ]);
    const exited = once(child, "exit");
    child.kill("SIGINT");
    expect(await exited).toEqual([0, null]);
    expect(emu.sessions.some((s) => s.open)).toBe(false);
  });
});

describe("connectionFromEnv", () => {
  it("reads a token or a login, a named account, and the connection settings", () => {
    expect(connectionFromEnv({})).toBeUndefined();
    expect(connectionFromEnv({ TRUECONF_SERVER: "video.example.com", TRUECONF_TOKEN: "t" })).toEqual({
      server: "video.example.com",
      token: "t",
      username: undefined,
      password: undefined,
      https: true,
      verifySsl: true,
    });
    const env = {
      TRUECONF_SERVER: "10.0.0.5",
      TRUECONF_HTTPS: "false",
      TRUECONF_WEB_PORT: "4309",
      TRUECONF_VERIFY_SSL: "false",
      TRUECONF_ALERTS_USERNAME: "alerts_bot",
      TRUECONF_ALERTS_PASSWORD: "secret",
    };
    expect(connectionFromEnv(env, "alerts")).toMatchObject({
      server: "10.0.0.5",
      username: "alerts_bot",
      password: "secret",
      https: false,
      webPort: 4309,
      verifySsl: false,
    });
  });

  it("refuses a server without credentials, naming the variables to set", () => {
    expect(() => connectionFromEnv({ TRUECONF_SERVER: "video.example.com" })).toThrow(InvalidArgumentError);
    expect(() =>
      connectionFromEnv({ TRUECONF_SERVER: "video.example.com", TRUECONF_USERNAME: "bot" }),
    ).toThrow(/set TRUECONF_TOKEN, or TRUECONF_USERNAME and TRUECONF_PASSWORD/);
  });
});
