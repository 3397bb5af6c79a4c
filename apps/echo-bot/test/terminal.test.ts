// Drives the app as a person would: its stdin and stdout, in a child process, on the embedded emulator.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const main = new URL("../src/main.ts", import.meta.url).pathname;
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

/** Starts the app with no TRUECONF_* variables, so it runs on its embedded emulator. */
function startApp() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TRUECONF_")));
  const app = spawn(process.execPath, ["--import", "tsx", main], {
    env,
    cwd: new URL("..", import.meta.url),
  });
  child = app;
  let output = "";
  app.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  app.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const waitFor = async (text: string, timeout = 20_000) => {
    const started = Date.now();
    while (!output.includes(text)) {
      if (Date.now() - started > timeout)
        throw new Error(`"${text}" did not appear; the app printed:\n${output}`);
      if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}); it printed:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const type = (line: string) => app.stdin.write(`${line}\n`);
  const exited = new Promise<number | null>((resolve) => app.on("exit", resolve));
  return { waitFor, type, exited, output: () => output };
}

describe("the echo bot in the terminal", () => {
  it("echoes what the person types, formatting shown readably, sends a file back, and quits cleanly", async () => {
    const app = startApp();
    await app.waitFor("You are alice");
    expect(app.output()).toMatch(/emulator on http:\/\/127\.0\.0\.1:\d+; the echo bot is bot@/);
    const playground = /Web playground[^:]*: (\S+)/.exec(app.output())?.[1];
    expect((await fetch(playground ?? "")).status).toBe(200);

    app.type("hello <b>world</b>");
    await app.waitFor("bot: hello world");

    app.type("/help");
    await app.waitFor("/file <path>");
    expect(app.output()).toContain("/user <login>");

    const dir = mkdtempSync(join(tmpdir(), "echo-bot-"));
    writeFileSync(join(dir, "notes.txt"), "twelve bytes");
    app.type(`/file ${join(dir, "notes.txt")}`);
    await app.waitFor("bot: [file notes.txt, 12 bytes] — Your file back: notes.txt (12 bytes)");

    app.type("/user bob");
    await app.waitFor("You are bob now.");
    app.type("I am Bob");
    await app.waitFor("bot: I am Bob");

    app.type("/quit");
    await app.waitFor("Stopped.");
    expect(await app.exited).toBe(0);
  }, 60_000);

  it("stops cleanly at the end of its input (Ctrl+D)", async () => {
    const app = startApp();
    await app.waitFor("You are alice");
    child?.stdin.end();
    await app.waitFor("Stopped.");
    expect(await app.exited).toBe(0);
  }, 60_000);
});
