import { describe, expect, it, vi } from "vitest";
import {
  Api,
  type IncomingEvent,
  InvalidArgumentError,
  Message,
  type Update,
  UploadingProgress,
} from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const envelope = {
  messageId: "m1",
  chatId: "c1",
  timestamp: 1,
  type: 200,
  author: { id: "alice@video.example.org", type: 1 },
  content: { text: "hi", parseMode: "text" },
};

function recordingLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe("api.on: each push parsed once, handed out typed", () => {
  it("delivers the typed event with updateId, chatId and fromUserId, and stops after unsubscribe", () => {
    const requester = new ScriptedRequester();
    const api = new Api(requester);
    const seen: (IncomingEvent | Update)[] = [];
    const off = api.on("event", (event) => seen.push(event));
    requester.push({ method: "sendMessage", id: 41, payload: envelope });
    expect(seen).toHaveLength(1);
    const message = seen[0] as Message;
    expect(message).toBeInstanceOf(Message);
    expect(message).toMatchObject({ updateId: 41, chatId: "c1", fromUserId: "alice@video.example.org" });
    expect(message.bot).toBe(api);
    off();
    off();
    requester.push({ method: "sendMessage", id: 42, payload: envelope });
    expect(seen).toHaveLength(1);
  });

  it("parses a push once for the Api's own bookkeeping and all listeners together", () => {
    // Counts how often the payload is read: one parse reads `maxSize` a fixed number of times.
    const counting = () => {
      const reads = { count: 0 };
      const payload = new Proxy({ maxSize: 9, extensions: null } as Record<string, unknown>, {
        get(target, key) {
          if (key === "maxSize") reads.count += 1;
          return target[key as string];
        },
      });
      return { reads, payload };
    };
    const once = counting();
    new Api({ request: async () => ({}) }).parseUpdate({
      method: "getFileUploadLimits",
      id: 1,
      payload: once.payload,
    });

    const requester = new ScriptedRequester();
    const api = new Api(requester);
    const a: unknown[] = [];
    const b: unknown[] = [];
    api.on("event", (event) => a.push(event));
    api.on("event", (event) => b.push(event));
    const pushed = counting();
    requester.push({ method: "getFileUploadLimits", id: 1, payload: pushed.payload });
    expect(pushed.reads.count).toBe(once.reads.count);
    expect(a[0]).toBe(b[0]);
    expect(api.uploadLimits).toEqual({ maxSize: 9, extensions: null });
  });

  it("keeps download waits current from the same parse", () => {
    const requester = new ScriptedRequester();
    const api = new Api(requester);
    const seen: unknown[] = [];
    api.on("event", (event) => seen.push(event));
    requester.push({ method: "uploadFileProgress", id: 3, payload: { fileId: "f", progress: 5 } });
    expect(seen[0]).toBeInstanceOf(UploadingProgress);
    expect(seen[0]).toMatchObject({ chatId: undefined, fromUserId: undefined, updateId: 3 });
  });

  it("a broken known push arrives as an Update with issues, reported once per method", () => {
    const requester = new ScriptedRequester();
    const logger = recordingLogger();
    const api = new Api(requester, { logger });
    const seen: (IncomingEvent | Update)[] = [];
    api.on("event", (event) => seen.push(event));
    const secret = "do-not-log-this-text";
    requester.push({ method: "editMessage", id: 7, payload: { chatId: "c1", content: { text: 42 } } });
    requester.push({ method: "editMessage", id: 8, payload: { chatId: secret } });
    requester.push({ method: "removeChat", id: 9, payload: {} });
    expect(seen.map((e) => e.constructor.name)).toEqual(["Update", "Update", "Update"]);
    const first = seen[0] as Update;
    expect(String(first.method)).toBe("editMessage");
    expect(first.issues).toEqual(["content.text: expected string, got a number"]);
    expect(first).toMatchObject({ updateId: 7, frameType: 1, chatId: undefined, fromUserId: undefined });
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[0]?.[0]).toContain("editMessage");
    expect(logger.warn.mock.calls[1]?.[0]).toContain("removeChat");
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(secret);
  });

  it("an unknown method is an Update without issues and is not reported", () => {
    const requester = new ScriptedRequester();
    const logger = recordingLogger();
    const api = new Api(requester, { logger });
    const update = api.handleUpdate({ method: "someFutureEvent", id: 1, payload: {} }) as Update;
    expect(update.issues).toBeUndefined();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("listener exceptions and rejections never reach the transport; the other listeners still run", async () => {
    const requester = new ScriptedRequester();
    const logger = recordingLogger();
    const api = new Api(requester, { logger });
    const after: unknown[] = [];
    api.on("event", () => {
      throw new Error("sync boom");
    });
    api.on("event", async () => {
      throw new Error("async boom");
    });
    api.on("event", (event) => after.push(event));
    expect(() => requester.push({ method: "sendMessage", id: 1, payload: envelope })).not.toThrow();
    expect(after).toHaveLength(1);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(2));
    expect(logger.error.mock.calls.map((c) => c[0])).toEqual([
      expect.stringContaining("sync boom"),
      expect.stringContaining("async boom"),
    ]);
  });

  it("close() removes the Api's transport listener, once", () => {
    const requester = new ScriptedRequester();
    const api = new Api(requester);
    expect(requester.listenerCount).toBe(1);
    const seen: unknown[] = [];
    api.on("event", (event) => seen.push(event));
    api.close();
    api.close();
    expect(requester.listenerCount).toBe(0);
    requester.push({ method: "sendMessage", id: 1, payload: envelope });
    expect(seen).toEqual([]);
  });

  it("rejects a bad logger and a bad listener with typed errors", () => {
    expect(() => new Api(new ScriptedRequester(), { logger: {} as never })).toThrow(/Invalid logger/);
    expect(() => new Api(new ScriptedRequester(), { loger: console } as never)).toThrow(
      /did you mean "logger"/,
    );
    expect(() => new Api(new ScriptedRequester()).on("event", 5 as never)).toThrow(/Invalid listener/);
  });
});

describe("event.ack()", () => {
  it("acks the push through the requester; events not from a push have nothing to ack", () => {
    const requester = new ScriptedRequester();
    const api = new Api(requester);
    const event = api.parseUpdate({ method: "sendMessage", id: 12, payload: envelope });
    event.ack();
    api.parseUpdate({ method: "someFutureEvent", id: 13, payload: {} }).ack();
    new Message(api, {
      ...envelope,
      box: null,
      isEdited: false,
      replyMessageId: null,
      content: { kind: "text", text: "x", parseMode: "text" },
    }).ack();
    expect(requester.acked).toEqual([12, 13]);
  });

  it("is a no-op when the requester is not in manual-ack mode", () => {
    const notManual = Object.assign(new ScriptedRequester(), { manualAck: false });
    new Api(notManual).parseUpdate({ method: "sendMessage", id: 1, payload: envelope }).ack();
    expect(notManual.acked).toEqual([]);
    // A Transport outside manual-ack mode refuses ack() with InvalidArgumentError: that means "nothing to ack".
    const refusing = new Api({
      request: async () => ({}),
      ack: () => {
        throw new InvalidArgumentError("ack() is only for manualAck mode");
      },
    });
    expect(() =>
      refusing.parseUpdate({ method: "sendMessage", id: 1, payload: envelope }).ack(),
    ).not.toThrow();
  });
});
