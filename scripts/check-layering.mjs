// Enforces the layering of the design: a package imports only the @tc packages below it, only through their
// public entry points, and @tc/emulator imports none at all (it is an independent implementation of the
// server, so a wrong client schema cannot pass a test by agreeing with itself).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const allowed = {
  "@tc/core": [],
  "@tc/format": [],
  "@tc/transport": ["@tc/core"],
  "@tc/files": ["@tc/core"],
  "@tc/api": ["@tc/core", "@tc/transport", "@tc/files", "@tc/format"],
  "@tc/router": ["@tc/api", "@tc/transport", "@tc/files", "@tc/format"],
  "@tc/bot": ["@tc/router", "@tc/api", "@tc/transport", "@tc/files", "@tc/format"],
  "@tc/emulator": [],
};

const root = new URL("..", import.meta.url).pathname;
const packagesDir = join(root, "packages");
const importPattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g;
const sourceFiles = (dir) =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(m|c)?tsx?$/.test(entry) ? [path] : [];
  });

const problems = [];
for (const dir of readdirSync(packagesDir)) {
  const manifestPath = join(packagesDir, dir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const name = JSON.parse(readFileSync(manifestPath, "utf8")).name;
  const permitted = allowed[name];
  if (!permitted) {
    problems.push(`${name}: not in the layering table of this script`);
    continue;
  }
  for (const file of sourceFiles(join(packagesDir, dir, "src"))) {
    // Comment lines are skipped: doc comments show imports in their examples.
    const code = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
      .join("\n");
    for (const [, specifier] of code.matchAll(importPattern)) {
      const where = relative(root, file);
      if (specifier.startsWith("@tc/")) {
        const target = specifier.split("/").slice(0, 2).join("/");
        if (specifier !== target)
          problems.push(`${where}: imports ${specifier}, not the package's entry point`);
        if (!permitted.includes(target)) problems.push(`${where}: ${name} may not import ${target}`);
      } else if (
        specifier.startsWith(".") &&
        relative(join(packagesDir, dir), join(file, "..", specifier)).startsWith("..")
      ) {
        problems.push(`${where}: reaches outside its package with ${specifier}`);
      }
    }
  }
}

for (const problem of problems) console.error(`layering: ${problem}`);
console.log(
  problems.length
    ? `layering: ${problems.length} problem(s)`
    : "layering ok: every import respects the package layers",
);
process.exit(problems.length ? 1 : 0);
