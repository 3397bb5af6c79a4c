import type { StateData, Storage } from "./storage.js";
import type { StorageKey } from "./storage-key.js";

/*
 * The behaviour every Storage owes the dispatcher, written once as tests that any storage runs against itself:
 * `@tc/router/storage-contract`. It takes the runner's functions as parameters, so it works under vitest, jest,
 * node:test (with an `expect` adapter) and imports none of them. It only imports types of this package, so its
 * entry point carries no second copy of the FSM classes.
 */

/** The assertions the contract uses: a subset of vitest's and jest's `expect`. */
export type ContractExpect = (actual: unknown) => {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
};

/** The test functions the contract registers its cases with (`import { describe, it, expect } from "vitest"`). */
export interface ContractRunner {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  expect: ContractExpect;
}

/** What the contract tests. */
export interface StorageContractOptions {
  /** Suite name; default `"Storage contract"`. */
  name?: string;
  /**
   * Makes the storage under test; called once per case, and the storage is closed at the end of the case. Cases
   * use keys of their own (a fresh bot id each), so storages made on one shared server do not see each other's
   * records.
   */
  create: () => Storage | Promise<Storage>;
}

/**
 * Registers the storage contract cases: empty reads, state and data round trips, copies in and out, merging,
 * key separation (ids containing separators included), and the isolation lock (one at a time, call order,
 * released on errors, no lost update under concurrent read-modify-write).
 *
 * @example
 * import { describe, expect, it } from "vitest";
 * import { storageContract } from "@tc/router/storage-contract";
 * storageContract({ describe, it, expect }, { create: () => new RedisStorage({ url }) });
 */
export function storageContract(runner: ContractRunner, options: StorageContractOptions): void {
  const { describe, it, expect } = runner;
  let run = 0;
  /** A case with a fresh storage and a fresh bot id, closed whatever the case does. */
  const test = (
    name: string,
    body: (storage: Storage, key: (parts?: Partial<StorageKey>) => StorageKey) => Promise<void>,
  ) =>
    it(name, async () => {
      const botId = `contract-${Date.now().toString(36)}-${(run++).toString(36)}-${Math.random().toString(36).slice(2)}`;
      const key = (parts: Partial<StorageKey> = {}): StorageKey =>
        Object.freeze({ botId, chatId: "chat-1", userId: "user-1", destiny: "default", ...parts });
      const storage = await options.create();
      try {
        await body(storage, key);
      } finally {
        await storage.close();
      }
    });

  describe(options.name ?? "Storage contract", () => {
    test("a key never written has state null and data {}", async (storage, key) => {
      expect(await storage.getState(key())).toBe(null);
      expect(await storage.getData(key())).toEqual({});
    });

    test("setState stores the state; null removes it", async (storage, key) => {
      await storage.setState(key(), "Form:name");
      expect(await storage.getState(key())).toBe("Form:name");
      await storage.setState(key(), "Form.Address:city");
      expect(await storage.getState(key())).toBe("Form.Address:city");
      await storage.setState(key(), null);
      expect(await storage.getState(key())).toBe(null);
    });

    test("setData stores the data; {} removes it", async (storage, key) => {
      const data = { name: "Анна", age: 30, tags: ["a", "b"], nested: { ok: true, none: null } };
      await storage.setData(key(), data);
      expect(await storage.getData(key())).toEqual(data);
      await storage.setData(key(), {});
      expect(await storage.getData(key())).toEqual({});
    });

    test("state and data are independent", async (storage, key) => {
      await storage.setState(key(), "Form:age");
      await storage.setData(key(), { name: "Bob" });
      await storage.setState(key(), null);
      expect(await storage.getData(key())).toEqual({ name: "Bob" });
      await storage.setState(key(), "Form:age");
      await storage.setData(key(), {});
      expect(await storage.getState(key())).toBe("Form:age");
    });

    test("getData returns a copy and setData stores one", async (storage, key) => {
      const input: StateData = { list: [1], inner: { n: 1 } };
      await storage.setData(key(), input);
      (input.list as number[]).push(2);
      const read = await storage.getData(key());
      (read.inner as { n: number }).n = 99;
      read.added = true;
      expect(await storage.getData(key())).toEqual({ list: [1], inner: { n: 1 } });
    });

    test("updateData merges the patch's keys over the data and returns the result", async (storage, key) => {
      expect(await storage.updateData(key(), { name: "Ann" })).toEqual({ name: "Ann" });
      await storage.updateData(key(), { age: 30, inner: { a: 1 } });
      const merged = await storage.updateData(key(), { name: "Anna", inner: { b: 2 } });
      expect(merged).toEqual({ name: "Anna", age: 30, inner: { b: 2 } });
      merged.age = 0;
      expect(await storage.getData(key())).toEqual({ name: "Anna", age: 30, inner: { b: 2 } });
    });

    test("records of different bots, chats, users and destinies are separate", async (storage, key) => {
      const keys = [
        key(),
        key({ botId: `${key().botId}-other` }),
        key({ chatId: "chat-2" }),
        key({ userId: "user-2" }),
        key({ destiny: "other" }),
      ];
      for (const [index, k] of keys.entries()) {
        await storage.setState(k, `S:${index}`);
        await storage.setData(k, { index });
      }
      for (const [index, k] of keys.entries()) {
        expect(await storage.getState(k)).toBe(`S:${index}`);
        expect(await storage.getData(k)).toEqual({ index });
      }
    });

    test("ids containing separators do not collide", async (storage, key) => {
      const first = key({ chatId: "a:b", userId: "c" });
      const second = key({ chatId: "a", userId: "b:c" });
      const third = key({ chatId: "a%3Ab", userId: "c" });
      await storage.setState(first, "S:first");
      await storage.setState(second, "S:second");
      expect(await storage.getState(first)).toBe("S:first");
      expect(await storage.getState(second)).toBe("S:second");
      expect(await storage.getState(third)).toBe(null);
    });

    test("lock returns what run returns and rethrows what it throws", async (storage, key) => {
      expect(await storage.lock(key(), async () => 42)).toBe(42);
      const failure = new Error("handler failed");
      let caught: unknown;
      try {
        await storage.lock(key(), async () => {
          throw failure;
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBe(failure);
      // The failed run released the key.
      expect(await storage.lock(key(), async () => "after")).toBe("after");
    });

    test("lock runs one run of a key at a time, in call order", async (storage, key) => {
      const order: string[] = [];
      let inside = 0;
      let overlapped = false;
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let firstStarted!: () => void;
      const started = new Promise<void>((resolve) => {
        firstStarted = resolve;
      });
      const body = (name: string, hold?: Promise<void>) => async () => {
        if (++inside > 1) overlapped = true;
        order.push(name);
        if (hold) {
          firstStarted();
          await hold;
        }
        inside--;
      };
      const runs = [storage.lock(key(), body("first", firstHolds))];
      await started;
      runs.push(storage.lock(key(), body("second")), storage.lock(key(), body("third")));
      // Give the waiting runs every chance to start wrongly: a few round trips to the storage.
      for (let i = 0; i < 3; i++) await storage.getState(key({ chatId: "elsewhere" }));
      expect(order).toEqual(["first"]);
      releaseFirst();
      await Promise.all(runs);
      expect(order).toEqual(["first", "second", "third"]);
      expect(overlapped).toBe(false);
    });

    test("lock of one key does not hold other keys", async (storage, key) => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding!: () => void;
      const started = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const blocked = storage.lock(key(), async () => {
        holding();
        await held;
      });
      await started;
      expect(await storage.lock(key({ userId: "user-2" }), async () => "free")).toBe("free");
      release();
      await blocked;
    });

    test("concurrent read-modify-write under the lock loses no update", async (storage, key) => {
      const increments = 25;
      await Promise.all(
        Array.from({ length: increments }, () =>
          storage.lock(key(), async () => {
            const { count = 0 } = (await storage.getData(key())) as { count?: number };
            await storage.setData(key(), { count: count + 1 });
          }),
        ),
      );
      expect(await storage.getData(key())).toEqual({ count: increments });
    });
  });
}
