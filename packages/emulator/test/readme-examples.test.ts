import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const source = fileURLToPath(new URL("../src/index.js", import.meta.url));
const samplesSource = fileURLToPath(new URL("../src/protocol-samples.js", import.meta.url));

/** The first `ts` code block after `heading` in the README. */
function exampleAfter(heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  expect(block, heading).not.toBeNull();
  return block?.[1] ?? "";
}

/** Runs an example as a module, with `@tc/emulator` (and its subpath) pointing at this package's source. */
async function run(code: string, name: string): Promise<void> {
  const file = fileURLToPath(new URL(`./readme-example-${name}-${process.pid}.tmp.ts`, import.meta.url));
  const local = code
    .replaceAll('"@tc/emulator/protocol-samples"', JSON.stringify(samplesSource))
    .replaceAll('"@tc/emulator"', JSON.stringify(source));
  writeFileSync(file, local);
  try {
    await import(file);
  } finally {
    rmSync(file, { force: true });
  }
}

describe("README examples", () => {
  it("runs the echo bot of 'Use it in tests' and prints its transcript", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await run(exampleAfter("## Use it in tests"), "echo");
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0]?.[0])).toContain("echo: hello");
    } finally {
      log.mockRestore();
    }
  });

  it("runs the protocolSamples example", async () => {
    await run(exampleAfter("### Sample frames for your own tests"), "samples");
  });

  // the test-kit examples check their own claims with node:assert
  it("runs the frame cursor and request-result example of the control API", async () => {
    await run(exampleAfter("#### Example: find what a request stored"), "cursor");
  });

  it("runs the drop, raw bytes and token expiry example of the fault knobs", async () => {
    await run(exampleAfter("#### Example: a lost answer"), "drops");
  });

  it("runs the token endpoint example of the fault knobs", async () => {
    await run(exampleAfter("#### Example: a flaky token endpoint"), "token");
  });

  it("runs the HTTP control API example", async () => {
    await run(exampleAfter("#### Example: drive the world over HTTP"), "http");
  });

  it("runs every ts example of the README (none is left out)", () => {
    expect(readme.match(/```ts\n/g)).toHaveLength(6);
  });
});
