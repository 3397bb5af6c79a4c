import { describe, expect, it } from "vitest";
import { sameUserId } from "../src/index.js";

describe("sameUserId", () => {
  it.each([
    ["bot@srv/80830e3b", "bot@srv", true],
    ["Bot@SRV", "bot@srv", true],
    ["bot", "bot@srv/x", true],
    ["bot@srv", "bot@other", false],
    ["robot@srv", "bot@srv", false],
    ["bot?k=v", "BOT@srv#x", true],
  ])("%s vs %s: %s", (a, b, same) => {
    expect(sameUserId(a, b)).toBe(same);
  });
});
