import { type IncomingEvent, InvalidArgumentError, Message, Update } from "@tc/api";
import { describe, expect, it } from "vitest";
import {
  Dispatcher,
  type ErrorEvent,
  observerMethods,
  Router,
  RouterAlreadyIncludedError,
  RouterCycleError,
  UpdateValidationError,
} from "../../src/index.js";
import { allSampleEvents, recordingApi, sampleFrame, textFrame, textMessage } from "./events.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function setup() {
  const { api, calls } = recordingApi();
  const dp = new Dispatcher({ logger: quiet });
  const seen: string[] = [];
  const mark = (name: string) => () => {
    seen.push(name);
  };
  return { api, calls, dp, seen, mark };
}

describe("lanes", () => {
  it("runs the dispatcher's own handlers (never called by the reference)", async () => {
    const { api, dp, seen, mark } = setup();
    dp.message(mark("dp"));
    expect(await dp.feedUpdate(textMessage(api, "hi"))).toBe(true);
    expect(seen).toEqual(["dp"]);
  });

  it("gives every event to every lane: the dispatcher's handlers and each root router", async () => {
    const { api, dp, seen, mark } = setup();
    const r1 = dp.includeRouter(new Router({ name: "r1" }));
    const r2 = dp.includeRouter(new Router({ name: "r2" }));
    dp.message(mark("dp"));
    r1.message(mark("r1"));
    r2.message(mark("r2"));
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(seen).toEqual(["dp", "r1", "r2"]);
  });

  it("stops at the first handler whose filters all pass, within a lane", async () => {
    const { api, dp, seen, mark } = setup();
    const r = dp.includeRouter(new Router());
    r.message((m) => m.text === "no", mark("h1"));
    r.message((m) => m.text === "Hello", mark("h2"));
    r.message((m) => m.text === "Hello", mark("h3"));
    await dp.feedUpdate(textMessage(api, "Hello"));
    expect(seen).toEqual(["h2"]);
  });

  it("tries all children in order, depth first, not only the first chain (reference bug)", async () => {
    const { api, dp, seen, mark } = setup();
    const root = dp.includeRouter(new Router({ name: "root" }));
    const a = root.includeRouter(new Router({ name: "a" }));
    const a1 = a.includeRouter(new Router({ name: "a1" }));
    const b = root.includeRouter(new Router({ name: "b" }));
    const b1 = b.includeRouter(new Router({ name: "b1" }));
    a.message(() => false, mark("a"));
    a1.message((m) => m.text === "a1", mark("a1"));
    b.message((m) => m.text === "b", mark("b"));
    b1.message((m) => m.text === "b1", mark("b1"));
    for (const text of ["a1", "b", "b1", "none"]) await dp.feedUpdate(textMessage(api, text));
    expect(seen).toEqual(["a1", "b", "b1"]);
  });

  it("does not try children (or later siblings) once the lane handled the event", async () => {
    const { api, dp, seen, mark } = setup();
    const root = dp.includeRouter(new Router());
    const first = root.includeRouter(new Router());
    const second = root.includeRouter(new Router());
    root.message((m) => m.text === "root", mark("root"));
    first.message(mark("first"));
    second.message(mark("second"));
    const child = first.includeRouter(new Router());
    child.message(mark("child"));
    await dp.feedUpdate(textMessage(api, "root"));
    await dp.feedUpdate(textMessage(api, "other"));
    expect(seen).toEqual(["root", "first"]);
  });

  it("resolves with false when nothing handled the event, after the handlers finished otherwise", async () => {
    const { api, dp } = setup();
    const r = dp.includeRouter(new Router());
    let finished = false;
    r.message(
      (m) => m.text === "slow",
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished = true;
      },
    );
    expect(await dp.feedUpdate(textMessage(api, "fast"))).toBe(false);
    expect(await dp.feedUpdate(textMessage(api, "slow"))).toBe(true);
    expect(finished).toBe(true);
  });
});

describe("observers", () => {
  it("has an observer for each of the 16 typed events, each getting its class", async () => {
    const { api, dp } = setup();
    const got = new Map<string, unknown>();
    for (const [name, method] of Object.entries(observerMethods)) {
      (dp[name as keyof typeof observerMethods] as (handler: (event: IncomingEvent) => void) => void)(
        (event) => {
          got.set(method, event);
        },
      );
    }
    const events = allSampleEvents(api);
    for (const event of events) await dp.feedUpdate(event, { bot: api });
    expect([...got.keys()].sort()).toEqual(Object.values(observerMethods).sort());
    for (const [method, event] of got) expect((event as IncomingEvent).method).toBe(method);
  });

  it("event(method) observes any wire method: unknown ones as raw Updates, known ones as their class", async () => {
    const { api, dp } = setup();
    const raw: Update[] = [];
    const typed: Message[] = [];
    dp.event("someFutureEvent", (update) => {
      raw.push(update);
    });
    dp.event("sendMessage", (message) => {
      typed.push(message);
    });
    await dp.feedRaw({ method: "someFutureEvent", id: 1, payload: { x: 1 } }, api);
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(raw).toHaveLength(1);
    expect(raw[0]).toBeInstanceOf(Update);
    expect(raw[0]?.payload).toEqual({ x: 1 });
    expect(typed[0]).toBeInstanceOf(Message);
  });

  it("event('sendMessage') and message are one observer: registration order decides", async () => {
    const { api, dp, seen, mark } = setup();
    dp.event("sendMessage", mark("event"));
    dp.message(mark("message"));
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(seen).toEqual(["event"]);
  });

  it("returns a remover from each registration", async () => {
    const { api, dp, seen, mark } = setup();
    const off = dp.message(mark("first"));
    dp.message(mark("second"));
    off();
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(seen).toEqual(["second"]);
  });

  it("rejects a registration without a handler with a typed error", () => {
    const { dp } = setup();
    expect(() => (dp.message as unknown as (...args: unknown[]) => void)()).toThrow(InvalidArgumentError);
    expect(() => (dp.message as unknown as (...args: unknown[]) => void)(() => true, "nope")).toThrow(
      /the handler \(the last argument\) must be a function/,
    );
  });

  it("delivers a known push that broke its schema to error observers, not to typed ones", async () => {
    const { api, dp } = setup();
    const messages: unknown[] = [];
    const errors: ErrorEvent[] = [];
    const r = dp.includeRouter(new Router());
    r.message((m) => {
      messages.push(m);
    });
    r.event("sendMessage", (m) => {
      messages.push(m);
    });
    r.error(UpdateValidationError, (event) => {
      errors.push(event);
    });
    const broken = sampleFrame("sendMessage", (payload) => {
      delete payload.chatId;
    });
    expect(await dp.feedRaw(broken, api)).toBe(true);
    expect(messages).toEqual([]);
    expect(errors).toHaveLength(1);
    const error = errors[0]?.error as UpdateValidationError;
    expect(error).toBeInstanceOf(UpdateValidationError);
    expect(error.update.updateId).toBe(broken.id);
    expect(error.issues.length).toBeGreaterThan(0);
    expect(errors[0]?.event).toBe(error.update);
  });

  it("needs a bot for raw Updates", async () => {
    const { dp } = setup();
    const update = new Update({ method: "x", id: 1, payload: {} });
    await expect(dp.feedUpdate(update)).rejects.toThrow(InvalidArgumentError);
    await expect(dp.feedUpdate({} as Update)).rejects.toThrow(InvalidArgumentError);
  });
});

describe("the router tree", () => {
  it("names routers, and knows parents and children", () => {
    const dp = new Dispatcher();
    const a = new Router({ name: "a" });
    const b = new Router();
    dp.includeRouters(a, b);
    expect(dp.name).toBe("dispatcher");
    expect(a.name).toBe("a");
    expect(b.name).toMatch(/^router-\d+$/);
    expect(dp.routers).toEqual([a, b]);
    expect(a.parent).toBe(dp);
    expect(Object.isFrozen(dp.routers)).toBe(true);
  });

  it("refuses a second parent, a cycle and the dispatcher as a child, with typed errors", () => {
    const dp = new Dispatcher();
    const a = new Router({ name: "a" });
    const b = a.includeRouter(new Router({ name: "b" }));
    dp.includeRouter(a);
    expect(() => dp.includeRouter(a)).toThrow(RouterAlreadyIncludedError);
    expect(() => new Router().includeRouter(b)).toThrow(/already included in "a"/);
    expect(() => b.includeRouter(a)).toThrow(RouterCycleError);
    const loose = new Router({ name: "loose" });
    const inner = loose.includeRouter(new Router({ name: "inner" }));
    expect(() => inner.includeRouter(loose)).toThrow(RouterCycleError);
    expect(() => inner.includeRouter(inner)).toThrow(RouterCycleError);
    expect(() => a.includeRouter(new Dispatcher())).toThrow(RouterCycleError);
    expect(() => dp.includeRouters(new Router(), a)).toThrow(RouterAlreadyIncludedError);
    expect(dp.routers).toEqual([a]);
  });

  it("removes and detaches routers; a detached router can be included elsewhere", async () => {
    const { api, dp, seen, mark } = setup();
    const cool = dp.includeRouter(new Router({ name: "Cool" }));
    cool.message(mark("cool"));
    for (const router of dp.routers) if (router.name === "Cool") dp.removeRouter(router);
    expect(dp.removeRouter(cool)).toBe(false);
    expect(cool.parent).toBeUndefined();
    await dp.feedUpdate(textMessage(api, "hi"));
    const other = dp.includeRouter(new Router());
    other.includeRouter(cool);
    cool.detach();
    dp.includeRouter(cool);
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(seen).toEqual(["cool"]);
  });

  it("snapshots the tree per event: changes during an event apply to the next events", async () => {
    const { api, dp, seen, mark } = setup();
    const first = dp.includeRouter(new Router({ name: "first" }));
    const removed = dp.includeRouter(new Router({ name: "removed" }));
    removed.message(mark("removed"));
    first.message(() => {
      seen.push("first");
      dp.removeRouter(removed);
      dp.includeRouter(new Router({ name: "added" })).message(mark("added"));
    });
    await dp.feedUpdate(textMessage(api, "one"));
    expect(seen).toEqual(["first", "removed"]);
    seen.length = 0;
    first.message.outerMiddleware(async (_event, _ctx, next) => next());
    await dp.feedUpdate(textMessage(api, "two"));
    expect(seen).toEqual(["first", "added"]);
  });

  it("runs the dynamic-router example: a router added for one user handles that user's next messages", async () => {
    const { api, dp, seen } = setup();
    const r = dp.includeRouter(new Router());
    r.message(
      (m) => m.text === "/start",
      (msg) => {
        const dynamic = dp.includeRouter(new Router());
        dynamic.message(
          (m) => m.fromUserId === msg.fromUserId,
          (m) => {
            seen.push(`dynamic:${m.text}`);
          },
        );
      },
    );
    await dp.feedUpdate(textMessage(api, "/start", { userId: "elisa" }));
    await dp.feedUpdate(textMessage(api, "again", { userId: "elisa" }));
    await dp.feedUpdate(textMessage(api, "other", { userId: "bob" }));
    expect(seen).toEqual(["dynamic:again"]);
  });

  it("answers through the event's shortcuts with the Api the event came from", async () => {
    const { api, calls, dp } = setup();
    dp.includeRouter(new Router()).message(async (message, ctx) => {
      expect(ctx.bot).toBe(api);
      expect(ctx.updateId).toBe(message.updateId);
      await message.answer("Hi there!");
    });
    await dp.feedRaw(textFrame("hello", { chatId: "c1" }), api);
    expect(calls).toEqual([{ method: "sendMessage", payload: expect.objectContaining({ chatId: "c1" }) }]);
  });
});
