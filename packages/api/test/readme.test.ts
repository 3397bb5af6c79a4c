import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";

/** The README's ```ts blocks, in order. */
async function readmeBlocks(): Promise<string[]> {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

/** An example file as the README shows it: without its first (comment) line, importing the package by name. */
async function exampleAsShown(file: string): Promise<string> {
  const example = await readFile(new URL(file, import.meta.url), "utf8");
  return example.slice(example.indexOf("\n") + 1).replace('from "../src/index.js";', 'from "@tc/api";');
}

/** Runs an example and returns what it logged. */
async function run(load: () => Promise<unknown>): Promise<unknown[][]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    await load();
    return log.mock.calls;
  } finally {
    log.mockRestore();
  }
}

describe("README", () => {
  it("has exactly the examples these tests run", async () => {
    expect(await readmeBlocks()).toEqual([
      await exampleAsShown("./readme-example.ts"),
      await exampleAsShown("./readme-middleware-example.ts"),
    ]);
  });

  it("its first example answers /ping with a formatted reply", async () => {
    const calls = await run(() => import("./readme-example.js"));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toMatchObject({
      chatId: expect.any(String),
      messageId: expect.any(String),
      timestamp: expect.any(Number),
    });
  });

  it("its middleware example sends through the retry and rate-limit transformers", async () => {
    const calls = await run(() => import("./readme-middleware-example.js"));
    const logged = calls.at(-1)?.[0] as string[];
    expect([...logged].sort()).toEqual(["one", "three", "two"]);
  });
});
