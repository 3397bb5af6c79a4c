import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  Api,
  type ApiCall,
  ApiErrorException,
  autoRetry,
  ConnectionLostError,
  RequestAbortedError,
  rateLimiter,
  readOnlyMethods,
} from "../src/index.js";

const chat = { chatId: "c1", title: "t", chatType: 2, unreadMessages: 0, avatarUrl: null };
const sent = { chatId: "c1", messageId: "m1", timestamp: 1 };

/** A requester whose answers are a queue of outcomes per call: an Error rejects, anything else resolves. */
function flakyRequester(outcomes: unknown[], answer: unknown) {
  const calls: ApiCall[] = [];
  return {
    calls,
    request: async (method: string, payload?: unknown, options?: ApiCall["options"]) => {
      calls.push({ method, payload, options });
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      return answer;
    },
  };
}

describe("api.use", () => {
  it("runs every wire request through the transformers in the order installed, and may change the call", async () => {
    const order: string[] = [];
    const requester = flakyRequester([], sent);
    const api = new Api(requester)
      .use(async (call, next) => {
        order.push(`a:${call.method}`);
        return next({ ...call, payload: { ...(call.payload as object), tagged: true } });
      })
      .use(async (call, next) => {
        order.push(`b:${call.method}`);
        return next(call);
      });
    await api.sendMessage({ chatId: "c1", text: "hi", timeout: 1_000 });
    expect(order).toEqual(["a:sendMessage", "b:sendMessage"]);
    expect(requester.calls[0]).toMatchObject({ payload: { tagged: true }, options: { timeout: 1_000 } });
  });

  it("a transformer that throws fails only its call", async () => {
    const api = new Api(flakyRequester([], sent)).use(() => {
      throw new Error("broken middleware");
    });
    await expect(api.sendMessage({ chatId: "c1", text: "hi" })).rejects.toThrow("broken middleware");
    expect(() => api.use("nope" as never)).toThrow(/Invalid transformer/);
  });
});

describe("autoRetry", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("lists the read-only methods in one table", () => {
    expect([...readOnlyMethods].sort()).toEqual(
      [
        "getChatByID",
        "getChatHistory",
        "getChatParticipant",
        "getChatParticipants",
        "getChats",
        "getFileInfo",
        "getFileUploadLimits",
        "getMessageById",
        "getUserDisplayName",
        "hasChatParticipant",
      ].sort(),
    );
  });

  it("retries a read after a lost connection and 300/301, with doubling delays up to maxDelay", async () => {
    const requester = flakyRequester(
      [
        new ConnectionLostError("getChatByID", "closed"),
        new ApiErrorException(300),
        new ApiErrorException(301),
      ],
      chat,
    );
    const api = new Api(requester).use(autoRetry({ maxRetries: 3, baseDelay: 100, maxDelay: 250 }));
    const pending = api.getChatById({ chatId: "c1" });
    await vi.advanceTimersByTimeAsync(0);
    expect(requester.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(requester.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(requester.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requester.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(250);
    await expect(pending).resolves.toMatchObject({ chatId: "c1" });
    expect(requester.calls).toHaveLength(4);
  });

  it("gives up after maxRetries with the last error", async () => {
    const lost = () => new ConnectionLostError("getChats", "closed");
    const requester = flakyRequester([lost(), lost(), lost()], []);
    const api = new Api(requester).use(autoRetry({ maxRetries: 2, baseDelay: 10 }));
    const pending = api.getChats();
    const outcome = expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
    await vi.advanceTimersByTimeAsync(100);
    await outcome;
    expect(requester.calls).toHaveLength(3);
  });

  it("never resends a write, and never retries other errors", async () => {
    const writes = flakyRequester([new ConnectionLostError("sendMessage", "closed")], sent);
    const api = new Api(writes).use(autoRetry({ baseDelay: 1 }));
    await expect(api.sendMessage({ chatId: "c1", text: "hi" })).rejects.toBeInstanceOf(ConnectionLostError);
    expect(writes.calls).toHaveLength(1);

    const notFound = flakyRequester([new ApiErrorException(304)], chat);
    const reader = new Api(notFound).use(autoRetry({ baseDelay: 1 }));
    await expect(reader.getChatById({ chatId: "c1" })).rejects.toBeInstanceOf(ApiErrorException);
    expect(notFound.calls).toHaveLength(1);
  });

  it("stops waiting when the call's signal aborts", async () => {
    const controller = new AbortController();
    const requester = {
      calls: 0,
      request: async (method: string, _payload?: unknown, options?: ApiCall["options"]) => {
        requester.calls += 1;
        if (options?.signal?.aborted) throw new RequestAbortedError(method, options.signal.reason);
        throw new ConnectionLostError(method, "closed");
      },
    };
    const api = new Api(requester).use(autoRetry({ baseDelay: 60_000 }));
    const pending = api.getChats({ signal: controller.signal });
    const outcome = expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    await outcome;
    expect(requester.calls).toBe(2);
  });

  it("rejects bad options with a suggestion", () => {
    expect(() => autoRetry({ maxRetires: 3 } as never)).toThrow(
      /unknown option "maxRetires" \(did you mean "maxRetries"\?\)/,
    );
    expect(() => autoRetry({ baseDelay: -1 })).toThrow(/Invalid baseDelay/);
  });
});

describe("rateLimiter", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is off by default", async () => {
    const requester = flakyRequester([], sent);
    const api = new Api(requester).use(rateLimiter());
    await Promise.all([1, 2, 3].map(() => api.sendMessage({ chatId: "c1", text: "hi" })));
    expect(requester.calls).toHaveLength(3);
  });

  it("spaces requests about one chat, keyed by payload.chatId, without holding back other chats", async () => {
    const requester = flakyRequester([], sent);
    const api = new Api(requester).use(rateLimiter({ perChat: { limit: 2, interval: 1_000 } }));
    const all = [
      api.sendMessage({ chatId: "c1", text: "1" }),
      api.sendMessage({ chatId: "c1", text: "2" }),
      api.sendMessage({ chatId: "c1", text: "3" }),
      api.sendMessage({ chatId: "c2", text: "other chat" }),
    ];
    await vi.advanceTimersByTimeAsync(0);
    const texts = () => requester.calls.map((c) => (c.payload as { content: { text: string } }).content.text);
    expect(texts()).toEqual(["1", "2", "other chat"]);
    await vi.advanceTimersByTimeAsync(499);
    expect(texts()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(texts()).toEqual(["1", "2", "other chat", "3"]);
    await Promise.all(all);
  });

  it("caps all requests together with a global rate", async () => {
    const requester = flakyRequester([], []);
    const api = new Api(requester).use(rateLimiter({ global: { limit: 1, interval: 100 } }));
    const all = [api.getChats(), api.getChats(), api.getChats()];
    await vi.advanceTimersByTimeAsync(0);
    expect(requester.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(requester.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(requester.calls).toHaveLength(3);
    await Promise.all(all);
  });

  it("rejects bad rates", () => {
    expect(() => rateLimiter({ perChat: { limit: 0, interval: 1_000 } })).toThrow(/Invalid perChat.limit/);
    expect(() => rateLimiter({ global: { limit: 1 } as never })).toThrow(/needs both limit and interval/);
    expect(() => rateLimiter({ perchat: {} } as never)).toThrow(/did you mean "perChat"/);
  });
});
