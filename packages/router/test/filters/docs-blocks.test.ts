// Runs the code blocks of docs/filters.md: each is a region of docs-examples.ts (type-checked there), and each
// is run here against real messages through a real dispatcher.
import { describe, expect, it } from "vitest";
import { Dispatcher, type Logger, Router } from "../../src/index.js";
import { regionsOf, tsBlocksOf } from "../doc-regions.js";
import { recordingApi, textMessage } from "../routing/events.js";
import { customFilters, typesFollowTheFilters } from "./docs-examples.js";

const alice = "alice@video.example.org";
const bob = "bob@video.example.org";

function setup() {
  const { api, calls } = recordingApi();
  const errors: unknown[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (...args) => errors.push(args) };
  const dp = new Dispatcher({ logger });
  const router = dp.includeRouter(new Router());
  const answers = () =>
    calls
      .filter((call) => call.method === "sendMessage")
      .map((call) => (call.payload as { content: { text: string } }).content.text);
  return { api, dp, router, errors, answers };
}

describe("docs/filters.md code blocks", () => {
  it("are the regions of docs-examples.ts, in order", async () => {
    const regions = await regionsOf(new URL("./docs-examples.ts", import.meta.url));
    const blocks = await tsBlocksOf(new URL("../../docs/filters.md", import.meta.url));
    expect(blocks).toEqual([...regions.values()]);
  });

  it("types follow the filters: the first handler whose filters match takes a text", async () => {
    const { api, dp, router, errors, answers } = setup();
    typesFollowTheFilters(router);
    expect(await dp.feedUpdate(textMessage(api, "ping"))).toBe(true);
    expect(await dp.feedUpdate(textMessage(api, "/echo hi"))).toBe(true);
    // `F.text` comes first and takes every text, so neither "pong" nor the echo is sent.
    expect(answers()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("custom filters: a filter class, and an object result merged into ctx", async () => {
    const { api, dp, router, errors, answers } = setup();
    const groups: Record<string, string[]> = { [alice]: ["0032"] };
    customFilters(
      router,
      { groupsOf: async (userId) => groups[userId] ?? [] },
      { get: async (userId) => ({ name: userId.split("@")[0]! }) },
    );
    await dp.feedUpdate(textMessage(api, "/admin", { userId: alice }));
    // Bob is in no group: the admin handler does not match, the profile one does.
    await dp.feedUpdate(textMessage(api, "/admin", { userId: bob }));
    expect(answers()).toEqual(["Welcome to the admin panel!", "Hello, bob"]);
    expect(errors).toEqual([]);
  });
});
