import { describe, expect, it } from "vitest";
import { Emulator, EmulatorConfigError } from "../src/index.js";
import { parseProtocolAssignment } from "../src/protocol-options-check.js";
import { connectRawBot } from "./support/raw-bot.js";

describe("Emulator lifecycle", () => {
  it("stop closes every session with 1001, refuses new connections and may be called twice", async () => {
    const emu = await Emulator.start();
    const bot = await connectRawBot(emu);
    const stopped = emu.stop();
    expect((await bot.closed).code).toBe(1001);
    await Promise.all([stopped, emu.stop()]);
    await expect(connectRawBot(emu)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("reports a port in use and an unreadable certificate as typed errors", async () => {
    const emu = await Emulator.start();
    try {
      await expect(Emulator.start({ port: emu.port })).rejects.toThrow(
        /cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/,
      );
      await expect(Emulator.start({ tls: { key: "not a key", cert: "not a cert" } })).rejects.toBeInstanceOf(
        EmulatorConfigError,
      );
    } finally {
      await emu.stop();
    }
  });
});

describe("observation", () => {
  it("lists sessions, logs frames both ways and writes one transcript line a frame", async () => {
    const emu = await Emulator.start();
    try {
      const bot = await connectRawBot(emu);
      await bot.call("getFileUploadLimits", {});
      await bot.close();
      const [session] = emu.sessions;
      expect(session).toMatchObject({
        id: "s1",
        userId: "bot@emulator.local",
        authorized: true,
        open: false,
      });
      const frames = emu.frames.filter((record) => record.sessionId === "s1");
      expect(frames.map((record) => [record.direction, record.frame?.type])).toEqual([
        ["in", 1],
        ["out", 2],
        ["in", 1],
        ["out", 2],
      ]);
      const lines = emu.transcript().split("\n");
      expect(lines).toHaveLength(4);
      expect(lines[2]).toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z s1 -> \{"type":1,"id":2,"method":"getFileUploadLimits"/,
      );
      expect(lines[3]).toMatch(/ s1 <- \{"type":2,"id":2,"payload":/);
    } finally {
      await emu.stop();
    }
  });
});

describe("closed sessions", () => {
  it("stay listed up to 1000, the oldest forgotten first, with names that stay unique", async () => {
    const emu = await Emulator.start();
    try {
      const open = await connectRawBot(emu);
      const total = 1003;
      for (let batch = 0; batch < total; batch += 50) {
        const count = Math.min(50, total - batch);
        const bots = await Promise.all(
          Array.from({ length: count }, () => connectRawBot(emu, { auth: false })),
        );
        await Promise.all(bots.map((bot) => bot.close()));
      }
      await emu.waitFor(() => emu.sessions.filter((s) => !s.open).length === 1000);
      const ids = emu.sessions.map((s) => s.id);
      expect(ids).toHaveLength(1001);
      expect(ids[0]).toBe("s1"); // the open one stays
      expect(emu.sessions[0]?.open).toBe(true);
      expect(ids[1]).toBe("s5");
      expect(ids.at(-1)).toBe("s1004");
      expect(new Set(ids).size).toBe(ids.length);
      await open.close();
    } finally {
      await emu.stop();
    }
  }, 60_000);
});

describe("frameLogLimit", () => {
  it("keeps only the recent frames and waitForRequest skips what was dropped", async () => {
    const emu = await Emulator.start({ frameLogLimit: 20 });
    try {
      const bot = await connectRawBot(emu);
      for (let i = 0; i < 30; i += 1) await bot.call("getFileUploadLimits", {});
      expect(emu.frames.length).toBeLessThanOrEqual(20);
      const kept = emu.requests("getFileUploadLimits");
      expect(kept.length).toBeLessThan(30);
      expect((await emu.waitForRequest("getFileUploadLimits")).raw).toBe(kept[0]?.raw);
      expect(emu.transcript().split("\n")).toHaveLength(emu.frames.length);
      await bot.close();
      await expect(Emulator.start({ frameLogLimit: 0 })).rejects.toThrow(EmulatorConfigError);
    } finally {
      await emu.stop();
    }
  });
});

describe("pushLimitsAfterAuth", () => {
  it("pushes getFileUploadLimits right after auth when switched on", async () => {
    const emu = await Emulator.start({ protocol: { pushLimitsAfterAuth: true } });
    try {
      emu.setUploadLimits({ maxSize: 1024, extensions: { mode: "block", list: ["exe"] } });
      const bot = await connectRawBot(emu);
      const pushed = await bot.nextEvent("getFileUploadLimits");
      expect(pushed.payload).toEqual({ maxSize: 1024, extensions: { mode: "block", list: ["exe"] } });
      await bot.close();
    } finally {
      await emu.stop();
    }
  });

  it("pushes nothing after auth by default", async () => {
    const emu = await Emulator.start();
    try {
      const bot = await connectRawBot(emu);
      await bot.call("getFileUploadLimits", {});
      expect(bot.events).toHaveLength(0);
      await bot.close();
    } finally {
      await emu.stop();
    }
  });
});

describe("protocol options from the command line", () => {
  it("parses key=value by the type of the default", () => {
    expect(parseProtocolAssignment("roleFormat=number")).toEqual({ roleFormat: "number" });
    expect(parseProtocolAssignment("pushLimitsAfterAuth=true")).toEqual({ pushLimitsAfterAuth: true });
    expect(parseProtocolAssignment("tokenLifetimeSeconds=60")).toEqual({ tokenLifetimeSeconds: 60 });
  });

  it.each([
    "roleFormat",
    "nope=1",
    "pushLimitsAfterAuth=yes",
    "tokenLifetimeSeconds=soon",
    "tokenLifetimeSeconds=",
  ])("refuses %j with a typed error", (text) => {
    expect(() => parseProtocolAssignment(text)).toThrow(EmulatorConfigError);
  });
});
