// Doc examples live in type-checked example files between `// #region name` and `// #endregion name`; a doc's
// ```ts blocks must be exactly those bodies (dedented, imports named as a user writes them).
import { readFile } from "node:fs/promises";

/** The `#region` bodies of the file at `url`, dedented, with the package's own import path as users write it. */
export async function regionsOf(url: URL): Promise<Map<string, string>> {
  const source = await readFile(url, "utf8");
  const found = new Map<string, string>();
  for (const [, name, body] of source.matchAll(/\/\/ #region (\w+)\n([\s\S]*?)\n\s*\/\/ #endregion \1/g)) {
    const lines = (body ?? "").split("\n");
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    found.set(
      name ?? "",
      lines
        .map((l) => l.slice(indent))
        .join("\n")
        .replace(/from "(\.\.\/)+src\/index\.js";/, 'from "@tc/router";'),
    );
  }
  return found;
}

/** The ```ts blocks of the Markdown file at `url`. */
export async function tsBlocksOf(url: URL): Promise<string[]> {
  const text = await readFile(url, "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? "");
}
