import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const runExample = async (name: string) =>
  (await run(process.execPath, ["--import", "tsx", example(name)], { timeout: 20_000 })).stdout;

describe("README examples", () => {
  it("every ts block of the README is one of the example files, verbatim", () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toEqual(
      ["raw-echo.ts", "pause-and-stop.ts"].map((name) => readFileSync(example(name), "utf8")),
    );
  });

  it("examples/raw-echo.ts runs against the emulator and answers", async () => {
    const stdout = await runExample("raw-echo.ts");
    expect(stdout).toMatch(/authorised as bot@emulator\.local/);
    expect(stdout).toMatch(/replied with [\w-]+/);
    expect(stdout.trim().split("\n").at(-1)).toBe("state: stopped");
  });

  it("examples/pause-and-stop.ts holds events while paused and stops gracefully", async () => {
    const stdout = await runExample("pause-and-stop.ts");
    expect(stdout.trim().split("\n")).toEqual([
      "paused: true, held: 2, emitted: 0",
      "emitted: one, two",
      "reply delivered: true",
      "after stop: ClientStoppedError",
    ]);
  });
});
