import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every module specifier a source file imports or re-exports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((match) => match[1] ?? "");
}

describe("independence from the client packages (DESIGN.md section 1)", () => {
  it("no source file imports another @tc package and package.json depends on none", () => {
    const sources = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join(root, "src", name));
    expect(sources.length).toBeGreaterThan(30);
    const imported = sources.flatMap(specifiers);
    expect(imported).toContain("ws");
    // doc-comment examples import the package itself by name, which is fine
    const others = imported.filter(
      (specifier) => specifier.startsWith("@tc/") && !/^@tc\/emulator(\/|$)/.test(specifier),
    );
    expect(others).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<
      string,
      Record<string, string> | undefined
    >;
    const dependencies = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ];
    expect(dependencies.filter((name) => name.startsWith("@tc/"))).toEqual([]);
  });
});
