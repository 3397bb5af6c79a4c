import { ApiErrorException, InvalidArgumentError, TextMessageTooLongError } from "@tc/api";
import { describe, expect, it, vi } from "vitest";
import { Dispatcher, type ErrorEvent, ExceptionTypeFilter, Router } from "../../src/index.js";
import { recordingApi, textMessage } from "./events.js";

function setup() {
  const { api } = recordingApi();
  const logged: unknown[][] = [];
  const logger = {
    debug() {},
    info() {},
    warn: (...args: unknown[]) => logged.push(["warn", ...args]),
    error: (...args: unknown[]) => logged.push(["error", ...args]),
  };
  const dp = new Dispatcher({ logger });
  const log: string[] = [];
  return { api, dp, log, logged };
}

class BoomError extends Error {}

describe("errors", () => {
  it("never kill the dispatcher: a throwing handler's error is reported and the next events go on", async () => {
    const { api, dp, log, logged } = setup();
    dp.message((m) => {
      if (m.text === "boom") throw new BoomError("boom");
      log.push(m.text ?? "");
    });
    expect(await dp.feedUpdate(textMessage(api, "boom"))).toBe(true);
    await dp.feedUpdate(textMessage(api, "after"));
    expect(log).toEqual(["after"]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[1]).toMatch(/Unhandled error while handling sendMessage \(update \d+\)/);
    expect(logged[0]?.[2]).toBeInstanceOf(BoomError);
  });

  it("go to the nearest router's error observers first, then its ancestors', then the dispatcher's", async () => {
    const { api, dp, log, logged } = setup();
    const parent = dp.includeRouter(new Router({ name: "parent" }));
    const child = parent.includeRouter(new Router({ name: "child" }));
    child.message((m) => {
      throw new BoomError(m.text);
    });
    child.error(
      (e) => (e.error as Error).message === "child",
      () => {
        log.push("child");
      },
    );
    parent.error(
      (e) => (e.error as Error).message === "parent",
      () => {
        log.push("parent");
      },
    );
    dp.error(({ error, event }) => {
      log.push(`dp:${(error as Error).message}:${event.method}`);
    });
    for (const text of ["child", "parent", "dp"]) await dp.feedUpdate(textMessage(api, text));
    expect(log).toEqual(["child", "parent", "dp:dp:sendMessage"]);
    expect(logged).toEqual([]);
  });

  it("filter by error class: a bare class or ExceptionTypeFilter", async () => {
    const { api, dp, log, logged } = setup();
    dp.message((m) => {
      if (m.text === "too long") throw new TextMessageTooLongError(5000);
      if (m.text === "api") throw new ApiErrorException(304);
      throw new BoomError("other");
    });
    dp.error(TextMessageTooLongError, ({ error }) => {
      log.push(`class:${error.constructor.name}`);
    });
    dp.error(ExceptionTypeFilter(ApiErrorException, RangeError), ({ error }) => {
      log.push(`filter:${error.constructor.name}`);
    });
    for (const text of ["too long", "api", "other"]) await dp.feedUpdate(textMessage(api, text));
    expect(log).toEqual(["class:TextMessageTooLongError", "filter:ApiErrorException"]);
    expect(logged).toHaveLength(1);
    expect(() => ExceptionTypeFilter("x" as never)).toThrow(InvalidArgumentError);
  });

  it("from a filter count as no match: the next handler is tried, the error is reported", async () => {
    const { api, dp, log } = setup();
    dp.message(
      () => {
        throw new BoomError("filter");
      },
      () => {
        log.push("never");
      },
    );
    dp.message(() => {
      log.push("second");
    });
    dp.error(BoomError, ({ error }) => {
      log.push(`error:${error.message}`);
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual(["error:filter", "second"]);
  });

  it("from middleware are reported; an outer one that throws consumes the event in its lane", async () => {
    const { api, dp, log } = setup();
    const r = dp.includeRouter(new Router());
    r.useOuter(async () => {
      throw new BoomError("outer");
    });
    r.message(() => {
      log.push("never");
    });
    const s = dp.includeRouter(new Router());
    s.message.middleware(async (_e, _c, next) => {
      await next();
      throw new BoomError("inner after");
    });
    s.message(() => {
      log.push("s handler");
    });
    r.error(BoomError, ({ error }) => {
      log.push(`r:${error.message}`);
    });
    s.error(BoomError, ({ error }) => {
      log.push(`s:${error.message}`);
    });
    expect(await dp.feedUpdate(textMessage(api, "hi"))).toBe(true);
    expect(log).toEqual(["r:outer", "s handler", "s:inner after"]);
  });

  it("thrown by an error handler go on to the parent's error observers", async () => {
    const { api, dp, log } = setup();
    const r = dp.includeRouter(new Router());
    r.message(() => {
      throw new BoomError("first");
    });
    r.error(() => {
      throw new RangeError("from the error handler");
    });
    dp.error(RangeError, ({ error }) => {
      log.push(error.message);
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual(["from the error handler"]);
  });

  it("give error handlers the ctx of the failing event and their own middleware", async () => {
    const { api, dp, log } = setup();
    dp.message(() => {
      throw new BoomError("x");
    });
    dp.error.middleware(async (event: ErrorEvent, _ctx, next) => {
      log.push(`mw:${(event.error as Error).message}`);
      return next();
    });
    dp.error((_event, ctx) => {
      log.push(`updateId:${typeof ctx.updateId}`);
    });
    await dp.feedUpdate(textMessage(api, "hi"));
    expect(log).toEqual(["mw:x", "updateId:number"]);
  });

  it("nobody handles go to console.error by default", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher();
    dp.message(() => {
      throw new BoomError("to stderr");
    });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await dp.feedUpdate(textMessage(api, "hi"));
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]?.[0]).toMatch(/sendMessage/);
    } finally {
      spy.mockRestore();
    }
  });

  it("a bad logger option is a typed error", () => {
    expect(() => new Dispatcher({ logger: {} as never })).toThrow(/Invalid logger/);
    expect(() => new Dispatcher({ loger: console } as never)).toThrow(/did you mean "logger"/);
  });
});
