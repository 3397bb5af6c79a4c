import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("its example is the one this test runs, and it answers /ping", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = await readFile(new URL("./readme-example.ts", import.meta.url), "utf8");
    const body = example
      .slice(example.indexOf("\n") + 1)
      .replace('from "../src/index.js";', 'from "@tc/api";');
    expect(body).toBe(block);

    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await import("./readme-example.js");
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]?.[0]).toMatchObject({
        chatId: expect.any(String),
        messageId: expect.any(String),
        timestamp: expect.any(Number),
      });
    } finally {
      log.mockRestore();
    }
  });
});
