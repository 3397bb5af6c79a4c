import { afterEach, describe, expect, it, vi } from "vitest";
import { Backoff } from "../src/backoff.js";

describe("Backoff", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("doubles the ceiling per attempt up to the cap, with full jitter below it", () => {
    const backoff = new Backoff({ baseDelay: 1000, maxDelay: 10_000, random: () => 0.999_999 });
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([999, 1999, 3999, 7999, 9999, 9999, 9999]);
  });

  it("never compounds jitter: a low draw does not lower later ceilings", () => {
    const draws = [0, 0, 0, 1 - 1e-9];
    const backoff = new Backoff({ baseDelay: 100, maxDelay: 60_000, random: () => draws.shift() ?? 0 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 0, 0, 799]);
  });

  it("stays within [0, min(cap, base·2ⁿ)] for any draw", () => {
    const backoff = new Backoff({ baseDelay: 250, maxDelay: 5000 });
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const ceiling = backoff.ceiling;
      expect(ceiling).toBe(Math.min(5000, 250 * 2 ** attempt));
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });

  it("starts over after reset()", () => {
    const backoff = new Backoff({ baseDelay: 1000, maxDelay: 60_000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it("drives real waits that fake timers can step through", async () => {
    vi.useFakeTimers();
    const backoff = new Backoff({ baseDelay: 1000, maxDelay: 4000, random: () => 0.5 });
    const fired: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const delay = backoff.next();
      const done = new Promise<void>((resolve) => setTimeout(resolve, delay));
      await vi.advanceTimersByTimeAsync(delay - 1);
      let settled = false;
      void done.then(() => {
        settled = true;
      });
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await done;
      fired.push(delay);
    }
    expect(fired).toEqual([500, 1000, 2000, 2000]);
  });
});
