import { Message } from "@tc/api";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Dispatcher, Router } from "../src/index.js";
import { regionsOf, tsBlocksOf } from "./doc-regions.js";
import * as examples from "./readme-examples.js";
import { recordingApi, sampleEvent, textMessage } from "./routing/events.js";

const regions = () => regionsOf(new URL("./readme-examples.ts", import.meta.url));

const answers = (calls: { method: string; payload: unknown }[]) =>
  calls
    .filter((c) => c.method === "sendMessage")
    .map((c) => (c.payload as { content: { text: string } }).content.text);

describe("README", () => {
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation((...values: unknown[]) => {
      examples.printed.push(values);
    });
    return () => vi.restoreAllMocks();
  });

  it("shows exactly the examples this test runs", async () => {
    const blocks = await tsBlocksOf(new URL("../README.md", import.meta.url));
    expect(blocks).toEqual([...(await regions()).values()]);
  });

  it("routers and filters", async () => {
    const { api, calls } = recordingApi();
    const { r, named } = examples.creatingRouters();
    expect(named.name).toBe("Router1");
    const dp = new Dispatcher();
    dp.includeRouters(r, ...examples.filters());
    expect(await dp.feedUpdate(textMessage(api, "hello", { userId: "elisa" }))).toBe(true);
    expect(answers(calls)).toEqual(["Hi Elisa!"]);
  });

  it("registering routers, dynamic routers and removing them", async () => {
    const { api, calls } = recordingApi();
    const { dp, r1 } = examples.dispatcher();
    expect(dp.routers).toHaveLength(4);
    examples.dynamicRouters(dp, r1);
    await dp.feedUpdate(textMessage(api, "/start", { userId: "elisa" }));
    await dp.feedUpdate(textMessage(api, "it's me", { userId: "elisa" }));
    await dp.feedUpdate(textMessage(api, "and me?", { userId: "bob" }));
    expect(answers(calls)).toEqual(["I remember you."]);
    dp.includeRouter(new Router({ name: "Cool" }));
    examples.removingRouters(dp);
    expect(dp.routers.map((router) => router.name)).not.toContain("Cool");
  });

  it("handler priorities", async () => {
    const { api, calls } = recordingApi();
    const dp = new Dispatcher();
    examples.priorities(dp.includeRouter(new Router()));
    await dp.feedUpdate(textMessage(api, "Hello"));
    expect(answers(calls)).toEqual(["First"]);
  });

  it("the reference examples, on the sample pushes", async () => {
    const { api, calls } = recordingApi();
    const dp = new Dispatcher();
    examples.referenceExamples(dp.includeRouter(new Router()));
    examples.printed.length = 0;
    await dp.feedUpdate(textMessage(api, "hello"));
    for (const method of [
      "getFileUploadLimits",
      "changeParticipantRole",
      "clearHistory",
      "editChatAvatar",
      "editChatTitle",
    ]) {
      await dp.feedUpdate(sampleEvent(api, method), { bot: api });
    }
    await dp.feedRaw({ method: "someFutureEvent", id: 9, payload: { a: 1 } }, api);
    expect(answers(calls)).toEqual(["Hi there!"]);
    const lines = examples.printed.map((values) => values.map(String).join(" "));
    expect(lines[0]).toMatch(/^Max file size: \d+$/);
    expect(lines).toContain("raw payload: [object Object]");
    expect(lines.some((line) => line.includes("has been promoted to admin"))).toBe(true);
    expect(lines.some((line) => line.startsWith("History was cleared in chat"))).toBe(true);
    expect(lines.some((line) => line.includes("has a new title"))).toBe(true);
  });

  it("middleware and errors", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher();
    const admin = dp.includeRouter(new Router());
    let handled = 0;
    admin.message(() => {
      handled++;
      examples.printed.push(["handler"]);
    });
    examples.middlewareExample(dp, admin, new Set(["root"]));
    examples.printed.length = 0;
    await dp.feedUpdate(textMessage(api, "hi", { userId: "guest" }));
    await dp.feedUpdate(textMessage(api, "hi", { userId: "root" }));
    expect(handled).toBe(1);
    expect(examples.printed.map(([line]) => String(line).replace(/ of .*/, ""))).toEqual([
      "before the handler",
      "handler",
      "after the handler",
    ]);

    const errors = new Dispatcher();
    examples.errorsExample(errors.includeRouter(new Router()));
    examples.printed.length = 0;
    await errors.feedUpdate(textMessage(api, "/crash"));
    await errors.feedRaw({ method: "sendMessage", id: 77, payload: { chatId: 1 } }, api);
    expect(examples.printed[0]).toEqual(["caught something broke while handling sendMessage"]);
    expect(examples.printed[1]?.[0]).toBe("a broken sendMessage push:");
  });

  it("context extras and FSM state", async () => {
    const { api, calls } = recordingApi();
    const bot = examples.contextExample(api);
    await bot.feed(textMessage(api, "/count a", { chatId: "c1" }));
    await bot.feed(textMessage(api, "/count b", { chatId: "c1" }));
    expect(answers(calls)).toEqual(["Message 1 in this chat", "Message 2 in this chat"]);
    await bot.stop();
  });

  it("concurrency options, attach and stop", async () => {
    const { api } = recordingApi();
    const intake = { pause() {}, resume() {} };
    const { finished, cut } = await examples.concurrencyExample(api, intake);
    expect(finished).toBe(0);
    expect(cut).toEqual([]);
    expect(Message).toBeDefined();
  });
});
