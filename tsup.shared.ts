import { defineConfig, type Options } from "tsup";

/**
 * The one build configuration every package uses: dual ESM + CJS with matching `.d.ts`/`.d.cts`,
 * dependencies left external, Node 20 as the target. A package's `tsup.config.ts` calls it with
 * its extra entry points (a CLI, say) and nothing else, so build settings live in one place.
 */
export function libraryConfig(extraEntries: Record<string, string> = {}, overrides: Options = {}) {
  return defineConfig({
    entry: { index: "src/index.ts", ...extraEntries },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
