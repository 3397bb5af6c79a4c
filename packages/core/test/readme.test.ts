// Runs the README's example against the package source and checks that it prints what its comments say.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import * as core from "../src/index.js";

it("the README example prints what its comments promise", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const javascript = example
    .replace(/^import .*\n/m, "")
    .replace(/\(options: \{[^)]*\}\)/, "(options)")
    .replaceAll(" as never", "")
    .replaceAll("(error as Error)", "error");
  const printed: string[] = [];
  const console = { log: (...args: unknown[]) => printed.push(args.map(String).join(" ")) };
  new Function("checkOptions", "InvalidArgumentError", "requireDuration", "console", javascript)(
    core.checkOptions,
    core.InvalidArgumentError,
    core.requireDuration,
    console,
  );
  const promised = [...example.matchAll(/console\.log\(.*\);\n\s*\/\/ (.*)/g)].map((m) => m[1]);
  expect(printed).toEqual(promised);
});
