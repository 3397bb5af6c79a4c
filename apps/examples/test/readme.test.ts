// The README lists every example with the command that runs it, and names only files that exist.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const examples = readdirSync(new URL("../src/", import.meta.url)).filter((file) => file !== "run-example.ts");

describe("README", () => {
  it("lists every example of src/ with its command", () => {
    const listed = [
      ...readme.matchAll(/\[`node --import tsx apps\/examples\/src\/([a-z-]+\.ts)`\]\(src\/\1\)/g),
    ].map((match) => match[1]);
    expect(listed.sort()).toEqual(examples.sort());
  });

  it("links only files that exist", () => {
    const linked = [...readme.matchAll(/\]\((src\/[^)]+)\)/g)].map((match) => match[1] as string);
    const files = new Set([...examples, "run-example.ts"].map((file) => `src/${file}`));
    expect(linked.filter((path) => !files.has(path))).toEqual([]);
  });
});
