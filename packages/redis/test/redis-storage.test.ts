import { InvalidArgumentError, KeyBuilder, StorageKey } from "@tc/router";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  type DataSerializer,
  LockTimeoutError,
  RedisStorage,
  UnserializableDataError,
} from "../src/index.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

let run = 0;
const key = (parts: Partial<StorageKey> = {}) =>
  new StorageKey({ botId: `bot-${process.pid}-${run++}`, chatId: "chat:1", userId: "user%1", ...parts });

function storage(options: ConstructorParameters<typeof RedisStorage>[0] = {}): RedisStorage {
  const made = new RedisStorage({ redis: inject("redisUrl"), ...options });
  cleanups.push(() => made.close());
  return made;
}

function client(): Redis {
  const made = new Redis(inject("redisUrl"));
  cleanups.push(() => made.quit());
  return made;
}

/** Resolves when `check` holds, trying every 20 ms up to `timeout` ms. */
async function until(check: () => Promise<boolean>, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("RedisStorage keys", () => {
  it("names keys with the prefix, the bot id and the destiny, ids percent-encoded", async () => {
    const s = storage({ prefix: "app" });
    const k = key({ botId: "bot@srv" });
    await s.setState(k, "Form:name");
    await s.setData(k, { name: "Ann" });
    const redis = client();
    expect(await redis.get("app:bot@srv:chat%3A1:user%251:default:state")).toBe("Form:name");
    expect(await redis.hgetall("app:bot@srv:chat%3A1:user%251:default:data")).toEqual({ name: '"Ann"' });
  });

  it("takes a KeyBuilder of its own, and refuses bad options with typed errors", () => {
    expect(storage({ keyBuilder: new KeyBuilder({ prefix: "x", withBotId: true }) }).keyBuilder.prefix).toBe(
      "x",
    );
    expect(() => storage({ prefix: "a", keyBuilder: new KeyBuilder() })).toThrow(InvalidArgumentError);
    expect(() => storage({ lockTtl: 10_000, lockWait: 5_000 })).toThrow(/below lockTtl/);
    expect(() => storage({ serializer: {} as DataSerializer })).toThrow(/Invalid serializer/);
    expect(() => new RedisStorage({ redis: "http://127.0.0.1" })).toThrow(/redis:\/\//);
    expect(() => new RedisStorage({ ttl: -1 })).toThrow(InvalidArgumentError);
    expect(() => new RedisStorage({ lockTtls: 1 } as never)).toThrow(/did you mean "lockTtl"/);
  });

  it("leaves a client it was given open on close", async () => {
    const redis = client();
    const s = new RedisStorage({ redis });
    await s.close();
    expect(await redis.ping()).toBe("PONG");
  });
});

describe("RedisStorage TTL", () => {
  it("gives the state and the data the TTL on every write, and forgets the record after it", async () => {
    const s = storage({ ttl: 300 });
    const k = key();
    await s.setData(k, { a: 1 });
    await s.setState(k, "S:one");
    const ttls = await Promise.all(
      ["state", "data"].map((part) => s.redis.pttl(s.keyBuilder.build(k, part as "state"))),
    );
    for (const ttl of ttls) expect(ttl).toBeGreaterThan(0);
    for (const ttl of ttls) expect(ttl).toBeLessThanOrEqual(300);
    await until(async () => (await s.getState(k)) === null, 3_000);
    expect(await s.getData(k)).toEqual({});
  });

  it("keeps records without a TTL", async () => {
    const s = storage();
    const k = key();
    await s.setState(k, "S:one");
    expect(await s.redis.pttl(s.keyBuilder.build(k, "state"))).toBe(-1);
  });
});

describe("RedisStorage data", () => {
  const refused: [string, unknown, RegExp][] = [
    ["a function", { f: () => 1 }, /data\.f cannot be stored: a function/],
    ["a BigInt", { n: 1n }, /data\.n .*BigInt/],
    ["undefined in an array", { list: [1, undefined] }, /data\.list\[1\] .*undefined/],
    ["a hole in an array", { list: new Array(2) }, /data\.list\[0\] .*hole/],
    ["a Date", { when: new Date(0) }, /data\.when .*Date.*toISOString/],
    ["NaN", { n: Number.NaN }, /data\.n .*NaN/],
    ["a Map", { m: new Map() }, /data\.m .*Map/],
    ["a symbol key", { o: { [Symbol("s")]: 1 } }, /data\.o .*symbol keys/],
    ["a key that is not an identifier", { "a b": { c: Symbol("x") } }, /data\["a b"\]\.c/],
  ];
  for (const [what, data, message] of refused) {
    it(`refuses ${what} with a typed error, writing nothing`, async () => {
      const s = storage();
      const k = key();
      await s.setData(k, { kept: true });
      const error = await s.setData(k, data as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnserializableDataError);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(message);
      await expect(s.updateData(k, data as never)).rejects.toThrow(UnserializableDataError);
      expect(await s.getData(k)).toEqual({ kept: true });
    });
  }

  it("refuses a cycle, and says where", async () => {
    const s = storage();
    const inner: Record<string, unknown> = {};
    inner.self = inner;
    await expect(s.setData(key(), { inner })).rejects.toThrow(/data\.inner\.self .*cycle/);
  });

  it("leaves out properties holding undefined; a patch's undefined removes the field", async () => {
    const s = storage();
    const k = key();
    await s.setData(k, { name: "Ann", age: 30, nested: { gone: undefined, kept: 1 } });
    expect(await s.getData(k)).toEqual({ name: "Ann", age: 30, nested: { kept: 1 } });
    expect(await s.updateData(k, { age: undefined })).toEqual({ name: "Ann", nested: { kept: 1 } });
  });

  it("keeps a field called __proto__ a field", async () => {
    const s = storage();
    const k = key();
    await s.setData(k, JSON.parse('{"__proto__": {"polluted": true}}'));
    const data = await s.getData(k);
    expect(Object.keys(data)).toEqual(["__proto__"]);
    expect((data as { polluted?: boolean }).polluted).toBe(undefined);
  });

  it("stores what a serializer of your own can round-trip, and refuses what it cannot", async () => {
    const bigints: DataSerializer = {
      serialize: (value) =>
        JSON.stringify(value, (_, v) => (typeof v === "bigint" ? { $bigint: String(v) } : v)),
      deserialize: (text) =>
        JSON.parse(text, (_, v) => (v && typeof v.$bigint === "string" ? BigInt(v.$bigint) : v)),
    };
    const s = storage({ serializer: bigints });
    const k = key();
    await s.setData(k, { big: 2n ** 70n, list: [1n] });
    expect(await s.getData(k)).toEqual({ big: 2n ** 70n, list: [1n] });
    await expect(s.updateData(k, { when: new Date(0) })).rejects.toThrow(
      /data\.when .*does not read back equal/,
    );
    const throwing = storage({
      serializer: {
        serialize: () => {
          throw new Error("no");
        },
        deserialize: JSON.parse,
      },
    });
    await expect(throwing.setData(k, { a: 1 })).rejects.toThrow(/data\.a .*serializer refused it/);
  });
});

describe("RedisStorage lock", () => {
  it("holds across storages (processes), and times out with a typed error", async () => {
    const holder = storage();
    const waiter = storage({ lockTtl: 200, lockWait: 300 });
    const k = key();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let taken!: () => void;
    const started = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const holding = holder.lock(k, async () => {
      taken();
      await held;
    });
    await started;
    const error = await waiter.lock(k, async () => "ran").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).lockName).toBe(waiter.keyBuilder.build(k, "lock"));
    release();
    await holding;
    expect(await waiter.lock(k, async () => "after")).toBe("after");
  });

  it("takes a crashed holder's lock once it expires", async () => {
    const s = storage({ lockTtl: 1_000 });
    const k = key();
    // A holder that died: its token is in Redis, nobody renews it.
    await s.redis.set(s.keyBuilder.build(k, "lock"), "dead-holder", "PX", 300);
    const started = Date.now();
    expect(await s.lock(k, async () => "taken over")).toBe("taken over");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("renews the lock while a long handler runs, and releases it after", async () => {
    const s = storage({ lockTtl: 200 });
    const k = key();
    const name = s.keyBuilder.build(k, "lock");
    await s.lock(k, async () => {
      const token = await s.redis.get(name);
      // Five TTLs long: without renewals the lock would be gone after the first.
      const end = Date.now() + 1_000;
      while (Date.now() < end) {
        expect(await s.redis.get(name)).toBe(token);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    expect(await s.redis.exists(name)).toBe(0);
  });

  it("only the holder's token releases the lock", async () => {
    const s = storage();
    const k = key();
    const name = s.keyBuilder.build(k, "lock");
    await s.lock(k, async () => {
      // The lock expired and someone else took it while this holder ran.
      await s.redis.set(name, "next-holder");
    });
    expect(await s.redis.get(name)).toBe("next-holder");
  });
});
