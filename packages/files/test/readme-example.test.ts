import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const packageRoot = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

/** The first ```js block after the "## Example" heading: the example the README calls runnable. */
function runnableExample(): string {
  const section = readme.slice(readme.indexOf("## Example"));
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("README has no ```js example under ## Example");
  return block;
}

/** Collapses runs of white space, since Node prints a long object over several lines. */
const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

it("runs the README example against the built package and prints what the README says", async () => {
  const example = runnableExample();
  // What the example prints is written in it as whole-line comments under each console.log.
  const promised = example
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("// "))
    .map((line) => line.slice(3));
  expect(promised).toHaveLength(2);
  const dist = pathToFileURL(join(packageRoot, "dist", "index.js")).href;
  const dir = await mkdtemp(join(tmpdir(), "tc-files-readme-"));
  try {
    const runnable = example.replace('from "@tc/files"', `from ${JSON.stringify(dist)}`);
    await writeFile(join(dir, "example.mjs"), runnable);
    const { stdout } = await promisify(execFile)(process.execPath, ["example.mjs"], {
      cwd: dir,
      timeout: 20_000,
    });
    expect(squeeze(stdout)).toBe(squeeze(promised.join(" ")));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
