// Vitest global setup: the node:test runs import the package by its name, i.e. its dist. When dist is missing or
// older than a source file, it is built once here, before any test file runs, so those runs never test stale code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

function newestSource(): number {
  const files = readdirSync(`${root}src`, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  );
  return Math.max(...files.map((entry) => statSync(`${entry.parentPath}/${entry.name}`).mtimeMs));
}

export default function setup(): void {
  const built = `${root}dist/index.js`;
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) return;
  execFileSync("pnpm", ["exec", "tsup"], { cwd: root, stdio: "inherit" });
}
