// Keeps docs/fsm.md and docs/concurrency.md true: every TypeScript block in them is one of the files of
// docs-examples/ (with its imports named as a user writes them), and each of those files is run here.
import { readdirSync, readFileSync } from "node:fs";
import { Api, type Message } from "@tc/api";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Dispatcher, type Logger, MemoryStorage, Router, StorageKey } from "../../src/index.js";
import { gate } from "../gate.js";
import { recordingApi, textMessage } from "../routing/events.js";
import * as concurrencyOptions from "./docs-examples/concurrency-options.js";
import { dp as globalUserDispatcher } from "./docs-examples/dispatcher-fsm.js";
import { Form, router as formRouter } from "./docs-examples/form.js";
import { Survey, router as surveyRouter } from "./docs-examples/groups.js";
import { handleLater, scheduler } from "./docs-examples/scheduler.js";
import { shutdown, router as shutdownRouter } from "./docs-examples/shutdown.js";
// Registers the storage contract cases, as the docs show a storage package doing.
import "./docs-examples/storage-contract.js";

const examplesDir = new URL("./docs-examples/", import.meta.url);
const asDocumented = (source: string) =>
  source
    .replaceAll('"../../../src/fsm/storage-contract.js"', '"@tc/router/storage-contract"')
    .replaceAll('"../../../src/index.js"', '"@tc/router"');
const examples = new Map(
  readdirSync(examplesDir).map((file) => [
    file,
    asDocumented(readFileSync(new URL(file, examplesDir), "utf8")),
  ]),
);
const blocksOf = (doc: string) =>
  [
    ...readFileSync(new URL(`../../docs/${doc}`, import.meta.url), "utf8").matchAll(/```ts\n([\s\S]*?)```/g),
  ].map((match) => match[1] as string);

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const bot = "bot@video.example.org";

/** Sends `text` as `userId` in `chatId` through `dp` and returns the bot's answers to it. */
function chat(dp: Dispatcher, options: { chatId?: string; userId?: string } = {}) {
  const { api, calls } = recordingApi(bot);
  return async (text: string): Promise<string[]> => {
    calls.length = 0;
    await dp.feedUpdate(textMessage(api, text, { chatId: "chat-1", userId: "alice@srv", ...options }));
    return calls.map((call) => (call.payload as { content: { text: string } }).content.text);
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("docs code blocks", () => {
  it("are the example files, and every example file is in the docs", () => {
    const blocks = [...blocksOf("fsm.md"), ...blocksOf("concurrency.md")];
    const files = blocks.map((block) => [...examples].find(([, source]) => source === block)?.[0]);
    expect(files).not.toContain(undefined);
    expect(new Set(files)).toEqual(new Set(examples.keys()));
  });
});

describe("docs/fsm.md: the form", () => {
  const dp = new Dispatcher({ logger: silent });
  // The example of the strategies includes the form router too; a router has one parent at a time.
  beforeAll(() => {
    formRouter.detach();
    dp.includeRouter(formRouter);
  });

  it("asks for the name, then the age, checks it, answers and clears the state", async () => {
    const alice = chat(dp);
    expect(await alice("/start")).toEqual(["Hi! What is your name?"]);
    expect(await alice("Anna")).toEqual(["How old are you?"]);
    expect(await alice("thirty")).toEqual(["Please send your age as a number."]);
    expect(await alice("30")).toEqual(["Nice to meet you, Anna (30)."]);
    expect(await alice("hello again")).toEqual([]); // no form, no handler
  });

  it("keeps one form per user in each chat, and /cancel leaves it", async () => {
    const alice = chat(dp, { chatId: "group" });
    const bob = chat(dp, { chatId: "group", userId: "bob@srv" });
    expect(await alice("/start")).toEqual(["Hi! What is your name?"]);
    expect(await bob("/start")).toEqual(["Hi! What is your name?"]);
    expect(await alice("Alice")).toEqual(["How old are you?"]);
    expect(await bob("/cancel")).toEqual(["Cancelled."]);
    expect(await bob("/cancel")).toEqual([]); // nothing to cancel
    expect(await alice("41")).toEqual(["Nice to meet you, Alice (41)."]);
  });

  it("names the states as the Python SDK does", () => {
    expect([Form.name.state, Form.age.state]).toEqual(["Form:name", "Form:age"]);
  });
});

describe("docs/fsm.md: strategy and storage options", () => {
  it("continues one user's form in another chat, and forgets it after a day", async () => {
    vi.useFakeTimers();
    formRouter.detach();
    globalUserDispatcher.includeRouter(formRouter);
    const inChat1 = chat(globalUserDispatcher, { chatId: "chat-1" });
    const inChat2 = chat(globalUserDispatcher, { chatId: "chat-2" });
    expect(await inChat1("/start")).toEqual(["Hi! What is your name?"]);
    expect(await inChat2("Anna")).toEqual(["How old are you?"]);
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect(await inChat1("30")).toEqual([]);
  });
});

describe("docs/fsm.md: groups and filters", () => {
  it("names nested and renamed states, and routes by group, state and state string", async () => {
    expect(Survey.Contact.email.state).toBe("Survey.Contact:email");
    expect(Survey.comment.state).toBe("Survey:free_text");
    const storage = new MemoryStorage();
    const dp = new Dispatcher({ storage, logger: silent });
    dp.includeRouter(surveyRouter);
    const alice = chat(dp);
    expect(await alice("/survey")).toEqual(["Your e-mail?"]);
    expect(await alice("/survey")).toEqual(["Contact step"]); // in a form: the first handler no longer matches
    const key = new StorageKey({ botId: bot, chatId: "chat-1", userId: "alice@srv" });
    await storage.setState(key, Survey.Contact.phone.state);
    expect(await alice("+1 555")).toEqual(["Contact step"]);
    await storage.setState(key, "Legacy:rating");
    expect(await alice("5")).toEqual(["Thanks for rating!"]);
    expect(await storage.getState(key)).toBeNull();
  });
});

/** A router whose handler holds each message until the test opens its gate, recording starts and ends. */
function heldRouter() {
  const router = new Router();
  const log: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  router.message(async (message: Message) => {
    const text = message.text ?? "";
    log.push(`start ${text}`);
    const g = gate();
    gates.set(text, g);
    await g.opened;
    log.push(`end ${text}`);
  });
  return { router, log, open: (text: string) => gates.get(text)?.open() };
}

/** Lets the dispatcher take what was fed (no timers). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe("docs/concurrency.md: options", () => {
  it("orders one chat by default and runs other chats meanwhile", async () => {
    const { router, log, open } = heldRouter();
    concurrencyOptions.byChat.includeRouter(router);
    const { api } = recordingApi(bot);
    const done = [
      concurrencyOptions.byChat.feedUpdate(textMessage(api, "a1", { chatId: "a" })),
      concurrencyOptions.byChat.feedUpdate(textMessage(api, "a2", { chatId: "a" })),
      concurrencyOptions.byChat.feedUpdate(textMessage(api, "b1", { chatId: "b" })),
    ];
    await settle();
    expect(log).toEqual(["start a1", "start b1"]);
    open("a1");
    await settle();
    expect(log).toEqual(["start a1", "start b1", "end a1", "start a2"]);
    open("a2");
    open("b1");
    await Promise.all(done);
  });

  it("orders one user across chats with the user key", async () => {
    const { router, log, open } = heldRouter();
    concurrencyOptions.byUser.includeRouter(router);
    const { api } = recordingApi(bot);
    const done = [
      concurrencyOptions.byUser.feedUpdate(textMessage(api, "u1", { chatId: "a", userId: "alice@srv" })),
      concurrencyOptions.byUser.feedUpdate(textMessage(api, "u2", { chatId: "b", userId: "alice@srv" })),
    ];
    await settle();
    expect(log).toEqual(["start u1"]);
    open("u1");
    await settle();
    expect(log).toEqual(["start u1", "end u1", "start u2"]);
    open("u2");
    await Promise.all(done);
    expect(concurrencyOptions.byUser.queued).toBe(0);
  });

  it("orders by the key function", async () => {
    const { router, log, open } = heldRouter();
    concurrencyOptions.custom.includeRouter(router);
    const { api } = recordingApi(bot);
    const done = [
      concurrencyOptions.custom.feedUpdate(textMessage(api, "c1", { chatId: "c" })),
      concurrencyOptions.custom.feedUpdate(textMessage(api, "c2", { chatId: "c" })),
    ];
    await settle();
    expect(log).toEqual(["start c1"]);
    open("c1");
    await settle();
    open("c2");
    await Promise.all(done);
    expect(log).toEqual(["start c1", "end c1", "start c2", "end c2"]);
  });
});

describe("docs/concurrency.md: shutdown", () => {
  it("lets a handler finish before the deadline", async () => {
    const dp = new Dispatcher({ logger: silent });
    dp.includeRouter(shutdownRouter);
    expect(await chat(dp)("/count")).toEqual(["1", "2", "3"]);
    expect(await shutdown(dp)).toBe(0);
  });

  it("cuts a handler still running at the deadline and reports it", async () => {
    vi.useFakeTimers();
    const sent = gate();
    const answered: string[] = [];
    // A server that takes the first answer and then stops answering until the test says so.
    const api = new Api({
      session: { userId: bot },
      async request(_method, payload) {
        answered.push((payload as { content: { text: string } }).content.text);
        if (answered.length === 2) await sent.opened;
        return { chatId: "chat-1", messageId: `m${answered.length}`, timestamp: 1 };
      },
    });
    const errors: unknown[] = [];
    const dp = new Dispatcher({ logger: { ...silent, error: (_message, error) => errors.push(error) } });
    shutdownRouter.detach();
    dp.includeRouter(shutdownRouter);
    const message = textMessage(api, "/count", { chatId: "chat-1", userId: "alice@srv" });
    const handled = dp.feedUpdate(message);
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toEqual(["1", "2"]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const finished = shutdown(dp);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await finished).toBe(0);
      expect(warn).toHaveBeenCalledWith(`not handled in time: sendMessage ${message.updateId}`);
    } finally {
      warn.mockRestore();
    }
    sent.open();
    await handled;
    // The handler saw its signal aborted and gave up before the third answer.
    expect(answered).toEqual(["1", "2"]);
    expect(errors).toHaveLength(1);
  });
});

describe("docs/concurrency.md: the scheduler on its own", () => {
  it("runs one chat's work in order and stops", async () => {
    const order: string[] = [];
    const first = gate();
    const runs = [
      handleLater({ chatId: "c" }, async () => {
        await first.opened;
        order.push("first");
      }),
      handleLater({ chatId: "c" }, async () => void order.push("second")),
    ];
    await settle();
    expect(order).toEqual([]);
    first.open();
    await Promise.all(runs);
    expect(order).toEqual(["first", "second"]);
    expect(await scheduler.stop()).toEqual({ finished: 0, cut: [] });
  });
});
