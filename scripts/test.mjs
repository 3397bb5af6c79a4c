// The README's test command: installs the Debian programs some tests drive (Chromium, redis-server) when they
// are absent, builds, typechecks and tests every package and app (vitest, publint, attw), lints, checks the
// layering, proves that each packed package installs, imports and compiles on its own, then prints one total.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// Every workspace folder with tests: the packages and the runnable apps.
const packages = ["packages", "apps"].flatMap((folder) =>
  readdirSync(join(root, folder))
    .filter((name) => existsSync(join(root, folder, name, "package.json")))
    .map((name) => `${folder}/${name}`),
);
const reportOf = (name) => join(root, name, "test-results", "report.json");
for (const name of packages) rmSync(reportOf(name), { force: true });

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
const run = (command, args) => spawnSync(command, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;

// The programs some tests drive for real, from Debian: Chromium (the emulator's playground, through
// playwright-core) and redis-server (@tc/redis; its harness starts a private instance). A fresh machine has
// neither, so they are installed here when absent (as root; otherwise the tests that need them say so).
const has = (program) => spawnSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" }).status === 0;
const missing = [
  ["chromium", "chromium"],
  ["redis-server", "redis-server"],
].filter(([program]) => !has(program));
if (missing.length > 0 && process.getuid?.() === 0) {
  const packages = missing.map(([, name]) => name);
  console.log(`installing ${packages.join(" and ")} (Debian packages the tests use)`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { env: aptEnv, stdio: "inherit" });
  spawnSync("apt-get", ["install", "-y", "-qq", ...packages], {
    env: aptEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const turboStatus = run("pnpm", [
  "exec",
  "turbo",
  "run",
  "typecheck",
  "test",
  "--continue",
  "--concurrency=1",
]);
// Repository-wide checks, each counted as one test in the totals.
const checks = [
  { script: "lint (biome check)", status: run("pnpm", ["exec", "biome", "check", "."]) },
  ...["scripts/check-layering.mjs", "scripts/check-packed-install.mjs"].map((script) => ({
    script,
    status: run("node", [script]),
  })),
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of packages) {
  if (!existsSync(reportOf(name))) {
    console.log(`${name}: no test report (its tests did not run)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(reportOf(name), "utf8"));
  // A suite that fails to load has no failed tests of its own, so it counts as one failure.
  const brokenSuites = report.testResults.filter(
    (file) => file.status === "failed" && file.assertionResults.length === 0,
  ).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenSuites;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`${name} tests: ${report.numPassedTests} ok, ${report.numFailedTests + brokenSuites} not ok`);
}
for (const { script, status } of checks) {
  if (status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`${script}: failed`);
  }
}
if (turboStatus !== 0 && failed === 0) failed += 1;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(turboStatus !== 0 || failed > 0 ? 1 : 0);
