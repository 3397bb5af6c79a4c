// Proves that users can install only the layers they need: every package, packed exactly as it would be
// published, is installed into an empty project together with nothing but the packed @tc packages it
// depends on, and is then imported from both ESM and CommonJS.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packagesDir = join(root, "packages");
const work = mkdtempSync(join(tmpdir(), "tc-packed-"));
const manifests = new Map();
for (const dir of readdirSync(packagesDir)) {
  const file = join(packagesDir, dir, "package.json");
  if (existsSync(file)) manifests.set(JSON.parse(readFileSync(file, "utf8")).name, join(packagesDir, dir));
}

const tarballs = new Map();
for (const [name, dir] of manifests) {
  const out = execFileSync("pnpm", ["pack", "--pack-destination", work], { cwd: dir, encoding: "utf8" });
  tarballs.set(name, out.trim().split("\n").pop());
}

function internalClosure(name, seen = new Set()) {
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join(manifests.get(name), "package.json"), "utf8"));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (manifests.has(dep) && !seen.has(dep)) internalClosure(dep, seen);
  }
  return seen;
}

let failures = 0;
try {
  for (const name of manifests.keys()) {
    const project = mkdtempSync(join(work, "project-"));
    const dependencies = Object.fromEntries(
      [...internalClosure(name)].map((dep) => [dep, `file:${tarballs.get(dep)}`]),
    );
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, dependencies }),
    );
    try {
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
        cwd: project,
        stdio: "pipe",
      });
      const check = `if (Object.keys(m).length === 0) throw new Error("no exports");`;
      execFileSync(
        "node",
        ["--input-type=module", "-e", `import * as m from ${JSON.stringify(name)}; ${check}`],
        { cwd: project, stdio: "pipe" },
      );
      execFileSync("node", ["-e", `const m = require(${JSON.stringify(name)}); ${check}`], {
        cwd: project,
        stdio: "pipe",
      });
      console.log(
        `packed install ok: ${name} (with ${Object.keys(dependencies).length - 1} internal dependencies)`,
      );
    } catch (error) {
      failures += 1;
      console.error(`packed install FAILED: ${name}\n${error.stderr?.toString() ?? error.message}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
