import { describe, expect, it } from "vitest";
import { KeyLock } from "../../src/fsm/key-lock.js";
import { gate } from "../gate.js";

describe("KeyLock", () => {
  it("runs calls of one key in call order, others at once, and forgets idle keys", async () => {
    const lock = new KeyLock();
    const order: string[] = [];
    const held = gate();
    const first = lock.run("a", async () => {
      await held.opened;
      order.push("a1");
    });
    const second = lock.run("a", async () => void order.push("a2"));
    await lock.run("b", async () => void order.push("b1"));
    expect(lock.size).toBe(1);
    held.open();
    await Promise.all([first, second]);
    expect(order).toEqual(["b1", "a1", "a2"]);
    expect(lock.size).toBe(0);
  });

  it("releases the key when a call throws", async () => {
    const lock = new KeyLock();
    await expect(
      lock.run("a", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await lock.run("a", async () => "next")).toBe("next");
    expect(lock.size).toBe(0);
  });
});
