// Enforces the layering of the design: a package imports only the @tc packages below it, only through their
// public entry points, and @tc/emulator imports none at all (it is an independent implementation of the
// server, so a wrong client schema cannot pass a test by agreeing with itself). Tests, examples and
// benchmarks may also import the dev-only packages listed for them (the emulator, mostly), and a package's
// own examples may import it by name, as a user would.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What each package's published code (src/) may import. */
const allowed = {
  "@tc/core": [],
  "@tc/format": [],
  "@tc/transport": ["@tc/core"],
  "@tc/files": ["@tc/core"],
  "@tc/api": ["@tc/core", "@tc/transport", "@tc/files", "@tc/format"],
  "@tc/router": ["@tc/api"],
  "@tc/bot": ["@tc/core", "@tc/router", "@tc/api", "@tc/transport", "@tc/files", "@tc/format"],
  "@tc/redis": ["@tc/router"],
  "@tc/testing": ["@tc/bot", "@tc/emulator"],
  "@tc/emulator": [],
};

/** What tests, examples and benchmarks may import on top of that (devDependencies of the package). */
const devOnly = {
  "@tc/core": [],
  "@tc/format": [],
  "@tc/transport": ["@tc/emulator"],
  "@tc/files": ["@tc/emulator"],
  "@tc/api": ["@tc/emulator"],
  "@tc/router": ["@tc/emulator", "@tc/transport", "@tc/format"],
  "@tc/bot": ["@tc/emulator"],
  "@tc/redis": ["@tc/emulator", "@tc/bot", "@tc/api"],
  "@tc/testing": [],
  "@tc/emulator": [],
};

const devFolders = ["test", "examples", "bench"];
const root = new URL("..", import.meta.url).pathname;
const packagesDir = join(root, "packages");
const importPattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g;
const sourceFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) return entry === "node_modules" ? [] : sourceFiles(path);
        return /\.(m|c)?tsx?$/.test(entry) ? [path] : [];
      })
    : [];

const problems = [];
for (const dir of readdirSync(packagesDir)) {
  const manifestPath = join(packagesDir, dir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const name = JSON.parse(readFileSync(manifestPath, "utf8")).name;
  if (!allowed[name] || !devOnly[name]) {
    problems.push(`${name}: not in the layering tables of this script`);
    continue;
  }
  const folders = [
    { folder: "src", permitted: allowed[name] },
    ...devFolders.map((folder) => ({ folder, permitted: [...allowed[name], ...devOnly[name], name] })),
  ];
  for (const { folder, permitted } of folders) {
    for (const file of sourceFiles(join(packagesDir, dir, folder))) {
      // Comment lines are skipped: doc comments show imports in their examples.
      const code = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
        .join("\n");
      for (const [, specifier] of code.matchAll(importPattern)) {
        const where = relative(root, file);
        if (specifier.startsWith("@tc/")) {
          const target = specifier.split("/").slice(0, 2).join("/");
          const exported = target === specifier || isExportedSubpath(target, specifier);
          if (!exported)
            problems.push(`${where}: imports ${specifier}, not one of the package's entry points`);
          if (!permitted.includes(target))
            problems.push(`${where}: ${folder}/ of ${name} may not import ${target}`);
        } else if (
          specifier.startsWith(".") &&
          relative(join(packagesDir, dir), join(file, "..", specifier)).startsWith("..")
        ) {
          problems.push(`${where}: reaches outside its package with ${specifier}`);
        }
      }
    }
  }
}

/** Whether `@tc/x/sub` is a subpath the package's exports map publishes. */
function isExportedSubpath(target, specifier) {
  const dir = readdirSync(packagesDir).find((d) => {
    const manifest = join(packagesDir, d, "package.json");
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === target;
  });
  if (dir === undefined) return false;
  const { exports = {} } = JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8"));
  return Object.hasOwn(exports, `.${specifier.slice(target.length)}`);
}

for (const problem of problems) console.error(`layering: ${problem}`);
console.log(
  problems.length
    ? `layering: ${problems.length} problem(s)`
    : "layering ok: every import respects the package layers (src, tests, examples, benchmarks)",
);
process.exit(problems.length ? 1 : 0);
