import { Api } from "@tc/api";
import { describe, expect, it } from "vitest";
import { keyImpliesRecord } from "../../src/fsm/implied-isolation.js";
import {
  Command,
  Dispatcher,
  type DispatcherOptions,
  FSMStrategy,
  MemoryStorage,
  Router,
  StateFilter,
  type Storage,
} from "../../src/index.js";
import { gate } from "../gate.js";
import { recordingApi, textMessage } from "./events.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A MemoryStorage that counts the isolation locks taken. */
class CountingStorage extends MemoryStorage {
  locks = 0;
  override lock<T>(...args: Parameters<Storage["lock"]>): Promise<T> {
    this.locks++;
    return super.lock(...(args as [Parameters<Storage["lock"]>[0], () => Promise<T>]));
  }
}

/** Feeds one message with a handler that uses its state, and says how many locks the storage saw. */
async function locksTaken(
  options: DispatcherOptions & { storage: Storage & { locks: number } },
): Promise<number> {
  const { api } = recordingApi();
  const dp = new Dispatcher({ logger: quiet, ...options });
  dp.message(async (_message, ctx) => {
    await ctx.state.setState("seen");
  });
  await dp.feedUpdate(textMessage(api, "hi", { chatId: "c", userId: "u" }));
  return options.storage.locks;
}

describe("Isolation implied by the concurrency key", () => {
  it("says which concurrency keys run one record's events one at a time", () => {
    expect(keyImpliesRecord("chat", FSMStrategy.USER_IN_CHAT)).toBe(true);
    expect(keyImpliesRecord("chat", FSMStrategy.CHAT)).toBe(true);
    expect(keyImpliesRecord("chat", FSMStrategy.GLOBAL_USER)).toBe(false);
    expect(keyImpliesRecord("userInChat", FSMStrategy.USER_IN_CHAT)).toBe(true);
    expect(keyImpliesRecord("userInChat", FSMStrategy.CHAT)).toBe(false);
    expect(keyImpliesRecord("userInChat", FSMStrategy.GLOBAL_USER)).toBe(false);
    expect(keyImpliesRecord("user", FSMStrategy.GLOBAL_USER)).toBe(true);
    expect(keyImpliesRecord("user", FSMStrategy.USER_IN_CHAT)).toBe(true);
    expect(keyImpliesRecord("user", FSMStrategy.CHAT)).toBe(false);
    expect(keyImpliesRecord("none", FSMStrategy.USER_IN_CHAT)).toBe(false);
    expect(keyImpliesRecord(() => "k", FSMStrategy.USER_IN_CHAT)).toBe(false);
  });

  it("skips the in-process lock when the chat key already orders the record's events", async () => {
    expect(await locksTaken({ storage: new CountingStorage() })).toBe(0);
    expect(await locksTaken({ storage: new CountingStorage(), fsmStrategy: FSMStrategy.CHAT })).toBe(0);
  });

  it("takes the lock when the key does not imply the record (GLOBAL_USER by chat, or no key)", async () => {
    expect(await locksTaken({ storage: new CountingStorage(), fsmStrategy: FSMStrategy.GLOBAL_USER })).toBe(
      1,
    );
    expect(await locksTaken({ storage: new CountingStorage(), concurrency: { key: "none" } })).toBe(1);
  });

  it("takes the lock of a storage shared between processes (isolation 'shared', or not said)", async () => {
    /** Another store's storage: MemoryStorage's records, behind a lock that says how far it reaches. */
    function sharedStorage(isolation: Storage["isolation"]) {
      const inner = new MemoryStorage();
      const storage = {
        isolation,
        locks: 0,
        getState: inner.getState.bind(inner),
        setState: inner.setState.bind(inner),
        getData: inner.getData.bind(inner),
        setData: inner.setData.bind(inner),
        updateData: inner.updateData.bind(inner),
        close: inner.close.bind(inner),
        lock<T>(key: Parameters<Storage["lock"]>[0], run: () => Promise<T>): Promise<T> {
          storage.locks++;
          return inner.lock(key, run);
        },
      } satisfies Storage & { locks: number };
      return storage;
    }
    expect(await locksTaken({ storage: sharedStorage("shared") })).toBe(1);
    expect(await locksTaken({ storage: sharedStorage(undefined) })).toBe(1);
    expect(await locksTaken({ storage: sharedStorage("process") })).toBe(0);
  });

  it("takes the lock while two dispatchers share one storage, and keeps their events of a record apart", async () => {
    const { api } = recordingApi();
    const storage = new CountingStorage();
    const first = new Dispatcher({ logger: quiet, storage });
    const second = new Dispatcher({ logger: quiet, storage });
    const order: string[] = [];
    const held = gate();
    first.message(async (_message, ctx) => {
      order.push("first in");
      await ctx.state.updateData({ first: true });
      await held.opened;
      order.push("first out");
    });
    second.message(async (_message, ctx) => {
      order.push("second in");
      await ctx.state.updateData({ second: true });
      order.push("second has the record");
    });
    const one = first.feedUpdate(textMessage(api, "a", { chatId: "c", userId: "u" }));
    const two = second.feedUpdate(textMessage(api, "b", { chatId: "c", userId: "u" }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["first in", "second in"]);
    held.open();
    await Promise.all([one, two]);
    expect(order).toEqual(["first in", "second in", "first out", "second has the record"]);
    expect(storage.locks).toBe(2);
    await first.stop();
  });
});

describe("The lazy ctx.state", () => {
  it("needs no bot id until the state is used, and then reports the missing id as the handler's error", async () => {
    const { api } = recordingApi();
    // No session yet: the Api does not know its own id.
    const anonymous = new Api({ request: async () => ({}) });
    const errors: unknown[] = [];
    const dp = new Dispatcher({ logger: quiet });
    const seen: string[] = [];
    dp.message(Command("plain"), () => {
      seen.push("plain");
    });
    dp.message(async (_message, ctx) => {
      await ctx.state.getState();
    });
    dp.error(({ error }) => {
      errors.push(error);
    });
    expect(await dp.feedUpdate(textMessage(api, "/plain"), { bot: anonymous })).toBe(true);
    expect(seen).toEqual(["plain"]);
    expect(errors).toEqual([]);
    await dp.feedUpdate(textMessage(api, "other"), { bot: anonymous });
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/botId/);
  });

  it("keeps state in a spread copy of ctx, and state filters read it", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher({ logger: quiet });
    const states: (string | null)[] = [];
    dp.message(StateFilter(null), async (_message, ctx) => {
      const copy = { ...ctx };
      await copy.state.setState("asked");
    });
    dp.message(StateFilter("asked"), async (_message, ctx) => {
      states.push(await ctx.state.getState());
    });
    await dp.feedUpdate(textMessage(api, "one", { chatId: "c", userId: "u" }));
    await dp.feedUpdate(textMessage(api, "two", { chatId: "c", userId: "u" }));
    expect(states).toEqual(["asked"]);
  });
});

describe("Filter additions on ctx", () => {
  it("are seen by the lane's outer middleware after next(), and never by other lanes", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher({ logger: quiet });
    const seen: unknown[] = [];
    const a = dp.includeRouter(new Router());
    const b = dp.includeRouter(new Router());
    a.useOuter(async (_event, ctx, next) => {
      await next();
      seen.push(["a after", (ctx as { command?: { command: string } }).command?.command]);
    });
    a.message(Command("go"), () => {});
    b.message((_m, ctx) => {
      seen.push(["b", "command" in ctx]);
    });
    await dp.feedUpdate(textMessage(api, "/go"));
    expect(seen).toEqual([
      ["a after", "go"],
      ["b", false],
    ]);
  });
});
