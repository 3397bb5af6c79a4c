import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("README example", () => {
  const script = fileURLToPath(new URL("../examples/raw-echo.ts", import.meta.url));

  it("is examples/raw-echo.ts verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /```ts\n(import \{ Emulator [\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(script, "utf8"));
  });

  it("examples/raw-echo.ts runs against the emulator and answers", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", script], { timeout: 20_000 });
    expect(stdout).toMatch(/authorised as bot@emulator\.local/);
    expect(stdout).toMatch(/replied with [\w-]+/);
    expect(stdout.trim().split("\n").at(-1)).toBe("state: stopped");
  });
});
