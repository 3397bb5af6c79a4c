import { afterEach, describe, expect, it, vi } from "vitest";
import { KeyBuilder, MemoryStorage, StorageKey } from "../../src/fsm/index.js";

const key = (chatId = "chat") => new StorageKey({ botId: "bot", chatId, userId: "alice" });

afterEach(() => {
  vi.useRealTimers();
});

describe("MemoryStorage TTL", () => {
  it("forgets a record ttl ms after its last write", async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage({ ttl: 1000 });
    await storage.setState(key(), "Form:name");
    await storage.setData(key(), { name: "Anna" });
    vi.advanceTimersByTime(999);
    expect(await storage.getState(key())).toBe("Form:name");
    // A write starts the period again.
    await storage.updateData(key(), { age: 3 });
    vi.advanceTimersByTime(999);
    expect(await storage.getData(key())).toEqual({ name: "Anna", age: 3 });
    vi.advanceTimersByTime(1);
    expect(await storage.getState(key())).toBeNull();
    expect(await storage.getData(key())).toEqual({});
    // An expired record is not merged into.
    expect(await storage.updateData(key(), { fresh: true })).toEqual({ fresh: true });
  });

  it("sweeps expired records as it writes, so memory stays bounded without timers", async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage({ ttl: 10 });
    for (let i = 0; i < 1000; i++) await storage.setState(key(`old-${i}`), "S:old");
    expect(storage.size).toBe(1000);
    vi.advanceTimersByTime(10);
    for (let i = 0; i < 600; i++) await storage.setState(key(`new-${i}`), "S:new");
    // Each write removed up to two expired records: 1000 old ones are gone after 500 writes.
    expect(storage.size).toBe(600);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("removes a record that becomes empty", async () => {
    const storage = new MemoryStorage();
    await storage.setState(key(), "S:x");
    await storage.setData(key(), { a: 1 });
    await storage.setState(key(), null);
    expect(storage.size).toBe(1);
    await storage.setData(key(), {});
    expect(storage.size).toBe(0);
  });

  it("refuses a bad TTL or key builder", () => {
    expect(() => new MemoryStorage({ ttl: 0 })).toThrow(/Invalid ttl/);
    expect(() => new MemoryStorage({ ttl: Number.NaN })).toThrow(/Invalid ttl/);
    expect(() => new MemoryStorage({ keyBuilder: {} as KeyBuilder })).toThrow(/Invalid keyBuilder/);
    expect(() => new MemoryStorage({ tll: 5 } as never)).toThrow(/did you mean "ttl"/);
  });
});

describe("MemoryStorage data", () => {
  it("refuses data that is no plain object or that cannot be copied, without quoting it", async () => {
    const storage = new MemoryStorage();
    await expect(storage.setData(key(), [] as never)).rejects.toThrow(/plain object, got an array/);
    await expect(storage.updateData(key(), null as never)).rejects.toThrow(/plain object, got null/);
    const secret = () => "token-abc";
    const error = (await storage.setData(key(), { secret }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/serialisable values only/);
    expect(error.message).not.toContain("token-abc");
    await expect(storage.setState(key(), 5 as never)).rejects.toThrow(/string or null, got a number/);
  });

  it("keeps dates and nested values as copies", async () => {
    const storage = new MemoryStorage();
    const when = new Date(0);
    await storage.setData(key(), { when, list: [{ a: 1 }] });
    const read = await storage.getData(key());
    expect(read).toEqual({ when, list: [{ a: 1 }] });
    expect(read.when).not.toBe(when);
  });

  it("locks with a key builder by the builder's lock key", async () => {
    const storage = new MemoryStorage({ keyBuilder: new KeyBuilder() });
    expect(await storage.lock(key(), async () => "ok")).toBe("ok");
    await expect(storage.setState(new StorageKey({ ...key(), destiny: "x" }), "S:x")).rejects.toThrow(
      /withDestiny/,
    );
  });
});
