import { defineConfig } from "vitest/config";

/**
 * The test configuration every package uses. Each package writes a JSON report next to its
 * tests so that the root test command can print one total over all packages.
 */
export function packageTestConfig() {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      reporters: ["default", ["json", { outputFile: "test-results/report.json" }]],
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    },
  });
}
