import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";

const dist = new URL("../dist/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
};

/** The package a bare specifier names: `ws`, `@scope/name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Where a package's types come from for a consumer: itself, or its `@types` companion. */
function typesPackage(name: string): string {
  return name.startsWith("@") ? name : `@types/${name}`;
}

describe("the published type declarations (built dist)", () => {
  const declarations = readdirSync(dist).filter((name) => /\.d\.c?ts$/.test(name));

  it("reference only Node's own modules and the package's dependencies", () => {
    expect(declarations).toEqual(
      expect.arrayContaining(["index.d.ts", "index.d.cts", "protocol-samples.d.ts"]),
    );
    for (const name of declarations) {
      const text = readFileSync(new URL(name, dist), "utf8");
      // import statements only: doc-comment examples (`import … from "@tc/emulator"`) are not code
      const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map(
        (match) => match[1] ?? "",
      );
      for (const specifier of specifiers) {
        if (specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
        if (specifier.startsWith(".")) continue;
        const owner = packageOf(specifier);
        expect(
          owner === manifest.name ? undefined : manifest.dependencies[owner],
          `${name}: ${specifier}`,
        ).not.toBe(undefined);
        if (owner !== manifest.name) {
          expect(manifest.dependencies[typesPackage(owner)], `${name}: types of ${owner}`).toBeDefined();
        }
      }
    }
  });

  it("get Node's own types through a dependency (@types/ws depends on @types/node)", () => {
    const wsTypes = JSON.parse(
      readFileSync(new URL("../node_modules/@types/ws/package.json", import.meta.url), "utf8"),
    ) as { dependencies?: Record<string, string> };
    expect(manifest.dependencies["@types/ws"]).toBeDefined();
    expect(wsTypes.dependencies?.["@types/node"]).toBeDefined();
  });

  it("ship every playground asset next to the bundle (the package works offline, no CDN)", () => {
    const assets = readdirSync(new URL("../src/playground/", import.meta.url)).filter(
      (name) => !name.endsWith(".d.ts"),
    );
    expect(assets).toEqual(expect.arrayContaining(["index.html", "app.js", "rich-text.js", "style.css"]));
    expect(readdirSync(new URL("playground/", dist)).sort()).toEqual(assets.sort());
    for (const name of assets) {
      const text = readFileSync(new URL(`playground/${name}`, dist), "utf8");
      expect(text, name).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|example\.org)[\w.-]+\//);
    }
  });

  it("keep the protocol samples out of the main bundle", () => {
    for (const name of ["index.js", "index.cjs"]) {
      expect(readFileSync(new URL(name, dist), "utf8"), name).not.toContain("video.example.org");
    }
    expect(readFileSync(new URL("protocol-samples.js", dist), "utf8")).toContain("video.example.org");
  });
});
