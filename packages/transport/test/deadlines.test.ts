import { afterEach, describe, expect, it, vi } from "vitest";
import { Deadlines, type Timed } from "../src/deadlines.js";

type Item = Timed & { name: string };
const item = (name: string, timeout: number): Item => ({ name, timeout, deadline: 0 });

describe("Deadlines", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires each item at its own deadline, across and within timeout groups", async () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const deadlines = new Deadlines<Item>((i) => expired.push(`${i.name}@${Date.now()}`));
    const start = Date.now();
    deadlines.add(item("a", 100));
    await vi.advanceTimersByTimeAsync(30);
    deadlines.add(item("b", 100));
    deadlines.add(item("c", 50));
    await vi.advanceTimersByTimeAsync(200);
    expect(expired).toEqual([`c@${start + 80}`, `a@${start + 100}`, `b@${start + 130}`]);
  });

  it("never expires a deleted item, and an emptied group holds no referenced timer", async () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const deadlines = new Deadlines<Item>((i) => expired.push(i.name));
    const a = item("a", 100);
    const b = item("b", 100);
    deadlines.add(a);
    deadlines.add(b);
    deadlines.delete(a);
    await vi.advanceTimersByTimeAsync(150);
    expect(expired).toEqual(["b"]);
    const c = item("c", 100);
    deadlines.add(c);
    deadlines.delete(c);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(expired).toEqual(["b"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("forgets a timeout group once it is empty, so many distinct timeouts leave nothing behind", async () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const deadlines = new Deadlines<Item>((i) => expired.push(i.name));
    const settledEarly: Item[] = [];
    for (let timeout = 1; timeout <= 500; timeout += 1) {
      const it = item(`t${timeout}`, timeout);
      deadlines.add(it);
      if (timeout % 2 === 0) settledEarly.push(it);
    }
    for (const it of settledEarly) deadlines.delete(it);
    expect(deadlines.groupCount).toBe(500);
    await vi.advanceTimersByTimeAsync(500);
    expect(expired).toHaveLength(250);
    expect(deadlines.groupCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
