// Proves that users can install only the layers they need: every package, packed exactly as it would be
// published, is installed into an empty project together with nothing but the packed @tc packages it
// depends on (and those its README examples import), is imported from both ESM and CommonJS, and its type
// declarations and README TypeScript examples compile there as a consumer's code would, with
// `skipLibCheck: false` (a declaration that needs a package the consumer does not get fails here).
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

// What every published package carries besides its code: its licence, its README, and where it comes from.
for (const [name, tarball] of tarballs) {
  const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
  const manifest = JSON.parse(readFileSync(join(manifests.get(name), "package.json"), "utf8"));
  const missing = [
    ...["package/LICENSE", "package/README.md"].filter((file) => !listed.includes(file)),
    ...["repository", "homepage", "license"].filter((field) => manifest[field] === undefined),
  ];
  if (missing.length > 0) {
    console.error(`packed package FAILED: ${name} lacks ${missing.join(", ")}`);
    process.exitCode = 1;
  }
}

function internalClosure(name, seen = new Set()) {
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join(manifests.get(name), "package.json"), "utf8"));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (manifests.has(dep) && !seen.has(dep)) internalClosure(dep, seen);
  }
  return seen;
}

/** The TypeScript examples of a package's README, and the @tc packages they import. */
function readmeExamples(dir) {
  const readme = join(dir, "README.md");
  if (!existsSync(readme)) return { blocks: [], imports: [] };
  const blocks = [...readFileSync(readme, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  const imports = blocks.flatMap((block) =>
    [...block.matchAll(/from "(@tc\/[\w-]+)/g)].map((m) => m[1]).filter((dep) => manifests.has(dep)),
  );
  return { blocks, imports };
}

/**
 * The files a README's TypeScript blocks make, as a reader runs them: a block with imports starts a program
 * (named by a first line `// name.ts`, as examples that import each other are, or numbered), and a block without
 * imports goes on the program above it, as a page of snippets over one set of imports and names reads.
 */
function exampleFiles(blocks) {
  const files = [];
  for (const block of blocks) {
    const last = files.at(-1);
    if (last !== undefined && !/^import /m.test(block)) {
      // A snippet gets a scope of its own, as each step of such a page declares its names afresh; a block that
      // exports is module code.
      last[1] += /^export /m.test(block) ? `\n${block}` : `\n{\n${block}}\n`;
      continue;
    }
    const named = /^\/\/ ([\w.-]+\.m?ts)\n/.exec(block)?.[1];
    files.push([named ?? `readme-${files.length + 1}.ts`, block]);
  }
  return files;
}

const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const consumerTsconfig = {
  compilerOptions: {
    strict: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2023",
    lib: ["es2023"],
    skipLibCheck: false,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
    // README tests import the test runner, which a consumer project has as a dev dependency of its own.
    paths: { vitest: [join(root, "node_modules", "vitest", "dist", "index.d.ts")] },
  },
};

let failures = 0;
try {
  for (const name of manifests.keys()) {
    const project = mkdtempSync(join(work, "project-"));
    const examples = readmeExamples(manifests.get(name));
    const closure = new Set(internalClosure(name));
    for (const dep of examples.imports) for (const inner of internalClosure(dep)) closure.add(inner);
    const dependencies = Object.fromEntries([...closure].map((dep) => [dep, `file:${tarballs.get(dep)}`]));
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module", dependencies }),
    );
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(consumerTsconfig));
    writeFileSync(
      join(project, "esm-import.mts"),
      `import * as m from ${JSON.stringify(name)};\nexport { m };\n`,
    );
    writeFileSync(
      join(project, "cjs-require.cts"),
      `import m = require(${JSON.stringify(name)});\nexport = m;\n`,
    );
    for (const [name, code] of exampleFiles(examples.blocks)) writeFileSync(join(project, name), code);
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
      execFileSync("node", [tsc, "-p", "."], { cwd: project, stdio: "pipe" });
      console.log(
        `packed install ok: ${name} (with ${Object.keys(dependencies).length - 1} other @tc packages; types and ${examples.blocks.length} README example(s) compile)`,
      );
    } catch (error) {
      failures += 1;
      console.error(
        `packed install FAILED: ${name}\n${error.stdout?.toString() ?? ""}${error.stderr?.toString() ?? error.message}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures || process.exitCode ? 1 : 0);
