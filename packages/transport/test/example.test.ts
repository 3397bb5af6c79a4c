import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("README example", () => {
  it("examples/raw-echo.ts runs against the emulator and answers", async () => {
    const script = fileURLToPath(new URL("../examples/raw-echo.ts", import.meta.url));
    const { stdout } = await run(process.execPath, ["--import", "tsx", script], { timeout: 20_000 });
    expect(stdout).toMatch(/authorised as bot@emulator\.local/);
    expect(stdout).toMatch(/replied with [\w-]+/);
    expect(stdout.trim().split("\n").at(-1)).toBe("state: stopped");
  });
});
