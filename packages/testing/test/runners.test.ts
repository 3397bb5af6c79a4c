// The kit is for every test runner: nothing in it imports one, and its built package runs under node:test.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../", import.meta.url);

describe("runner independence", () => {
  it("no source file imports a test runner", () => {
    const sources = readdirSync(new URL("src/", root), { recursive: true }).map(String);
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const text = readFileSync(new URL(`src/${file}`, root), "utf8");
      expect(text, file).not.toMatch(/from "(vitest|node:test|@jest\/globals|jest|mocha)"/);
    }
  });

  it("the built package passes a node:test suite", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--test", "--test-reporter=tap", "test/node/world.node-test.mjs"],
      {
        cwd: root,
      },
    );
    expect(stdout).toMatch(/^# pass 4$/m);
    expect(stdout).toMatch(/^# fail 0$/m);
  });
});
