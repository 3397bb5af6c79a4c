import { describe, expect, it } from "vitest";
import { Dispatcher, Router } from "../../src/index.js";
import { recordingApi, textMessage } from "./events.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function setup() {
  const { api } = recordingApi();
  const dp = new Dispatcher({ logger: quiet });
  const log: string[] = [];
  return { api, dp, log };
}

describe("middleware", () => {
  it("runs outer before the filters, inner after a match, and 'after' code after the handler finished", async () => {
    const { api, dp, log } = setup();
    const r = dp.includeRouter(new Router());
    r.message.outerMiddleware(async (_event, _ctx, next) => {
      log.push("outer before");
      await next();
      log.push("outer after");
    });
    r.message.middleware(async (_event, _ctx, next) => {
      log.push("inner before");
      await next();
      log.push("inner after");
    });
    r.message(
      () => {
        log.push("filter");
        return true;
      },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push("handler done");
      },
    );
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual([
      "outer before",
      "filter",
      "inner before",
      "handler done",
      "inner after",
      "outer after",
    ]);
  });

  it("waits for a next() that a middleware called without awaiting it", async () => {
    const { api, dp, log } = setup();
    dp.use((_event, _ctx, next) => {
      void next();
    });
    dp.message(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push("handler done");
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual(["handler done"]);
  });

  it("applies router-wide middleware (use/useOuter) to every event observer of the router", async () => {
    const { api, dp, log } = setup();
    const r = dp.includeRouter(new Router());
    r.useOuter(async (event, _ctx, next) => {
      log.push(`outer ${event.method}`);
      return next();
    });
    r.use(async (event, _ctx, next) => {
      log.push(`inner ${event.method}`);
      return next();
    });
    r.message(() => {});
    r.event("someFutureEvent", () => {});
    await dp.feedUpdate(textMessage(api, "hi"));
    await dp.feedRaw({ method: "someFutureEvent", id: 1, payload: null }, api);
    expect(log).toEqual([
      "outer sendMessage",
      "inner sendMessage",
      "outer someFutureEvent",
      "inner someFutureEvent",
    ]);
  });

  it("inherits the ancestors' inner middleware, outermost first", async () => {
    const { api, dp, log } = setup();
    const parent = dp.includeRouter(new Router());
    const child = parent.includeRouter(new Router());
    const tag = (name: string) => async (_e: unknown, _c: unknown, next: () => Promise<unknown>) => {
      log.push(name);
      return next();
    };
    dp.use(tag("dp.use"));
    parent.use(tag("parent.use"));
    parent.message.middleware(tag("parent.message"));
    child.message.middleware(tag("child.message"));
    child.message(() => {
      log.push("handler");
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual(["dp.use", "parent.use", "parent.message", "child.message", "handler"]);
  });

  it("runs an ancestor's outer middleware once per event, however many children are tried (reference bug)", async () => {
    const { api, dp, log } = setup();
    const parent = dp.includeRouter(new Router());
    for (let i = 0; i < 3; i++)
      parent.includeRouter(new Router()).message(
        () => false,
        () => {},
      );
    parent.includeRouter(new Router()).message(() => {
      log.push("handler");
    });
    dp.useOuter(async (_e, _c, next) => {
      log.push("dp outer");
      return next();
    });
    parent.message.outerMiddleware(async (_e, _c, next) => {
      log.push("parent outer");
      return next();
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual(["dp outer", "parent outer", "handler"]);
  });

  it("stops the event in its lane when an outer middleware does not call next; other lanes still get it", async () => {
    const { api, dp, log } = setup();
    const gated = dp.includeRouter(new Router({ name: "gated" }));
    const inside = gated.includeRouter(new Router());
    const other = dp.includeRouter(new Router({ name: "other" }));
    inside.message(() => {
      log.push("inside");
    });
    other.message(() => {
      log.push("other");
    });
    gated.useOuter(async (event, _ctx, next) => (event.fromUserId === "admin" ? next() : undefined));
    expect(await dp.feedUpdate(textMessage(api, "hi", { userId: "guest" }))).toBe(true);
    await dp.feedUpdate(textMessage(api, "hi", { userId: "admin" }));
    expect(log).toEqual(["other", "inside", "other"]);
  });

  it("consumes the event in its lane when an inner middleware does not call next: the handler does not run", async () => {
    const { api, dp, log } = setup();
    const r = dp.includeRouter(new Router());
    r.message.middleware(async () => undefined);
    r.message(() => {
      log.push("blocked");
    });
    r.includeRouter(new Router()).message(() => {
      log.push("child");
    });
    expect(await dp.feedUpdate(textMessage(api, "hi"))).toBe(true);
    expect(log).toEqual([]);
  });

  it("drops an event for everyone when the dispatcher's outer middleware does not call next", async () => {
    const { api, dp, log } = setup();
    dp.useOuter(async (event, ctx, next) => (event.fromUserId === ctx.bot.meId ? undefined : next()));
    dp.includeRouter(new Router()).message(() => {
      log.push("handled");
    });
    await dp.feedUpdate(textMessage(api, "mine", { userId: "bot@video.example.org" }));
    await dp.feedUpdate(textMessage(api, "theirs"));
    expect(log).toEqual(["handled"]);
  });

  it("puts what middleware adds on ctx for the handlers below it, and not for other lanes", async () => {
    const { api } = setup();
    const dp = new Dispatcher<{ user: string; scoped?: string }>({ logger: quiet });
    const seen: unknown[] = [];
    dp.useOuter(async (_event, ctx, next) => {
      ctx.user = "loaded";
      return next();
    });
    const a = dp.includeRouter(new Router<{ user: string; scoped?: string }>());
    const b = dp.includeRouter(new Router<{ user: string; scoped?: string }>());
    a.useOuter(async (_event, ctx, next) => {
      ctx.scoped = "a only";
      return next();
    });
    a.message((_m, ctx) => {
      seen.push([ctx.user, ctx.scoped]);
    });
    b.message((_m, ctx) => {
      seen.push([ctx.user, ctx.scoped]);
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(seen).toEqual([
      ["loaded", "a only"],
      ["loaded", undefined],
    ]);
  });

  it("gives feedUpdate's ctx extras to the handlers", async () => {
    const { api } = setup();
    const dp = new Dispatcher<{ db: { name: string } }>({ logger: quiet });
    let name: string | undefined;
    dp.message((_m, ctx) => {
      name = ctx.db.name;
    });
    await dp.feedUpdate(textMessage(api, "hi"), { db: { name: "main" } });
    expect(name).toBe("main");
  });

  it("rejects a middleware that is not a function with a typed error", () => {
    const { dp } = setup();
    expect(() => dp.use("nope" as never)).toThrow(/a middleware must be a function/);
    expect(() => dp.message.middleware(1 as never)).toThrow(/a middleware must be a function/);
  });
});
