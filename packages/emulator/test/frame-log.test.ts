import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FrameLog } from "../src/frame-log.js";
import { Emulator, EmulatorConfigError, type FrameRecord, WaitTimeoutError } from "../src/index.js";
import { connectRawBot, type RawBot } from "./support/raw-bot.js";

let emu: Emulator;
let bot: RawBot;
let chatId: string;
beforeAll(async () => {
  emu = await Emulator.start();
  chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
  bot = await connectRawBot(emu);
});
afterAll(async () => {
  await bot.close();
  await emu.stop();
});

describe("frame log cursors", () => {
  it("numbers frames; framesSince returns only what is new", async () => {
    const mark = emu.frameCount;
    expect(emu.framesSince(mark)).toEqual([]);
    await bot.call("getFileUploadLimits", {});
    const news = emu.framesSince(mark);
    expect(news.map((r) => [r.seq, r.direction, r.frame?.type])).toEqual([
      [mark, "in", 1],
      [mark + 1, "out", 2],
    ]);
    expect(emu.frameCount).toBe(mark + 2);
    expect(emu.frames.at(-1)).toBe(news[1]);
    expect(() => emu.framesSince(-1)).toThrow(EmulatorConfigError);
  });

  it("onFrame calls the listener with every new frame until unsubscribed; a throwing listener is harmless", async () => {
    const seen: FrameRecord[] = [];
    const stop = emu.onFrame((record) => seen.push(record));
    const throwing = emu.onFrame(() => {
      throw new Error("listener bug");
    });
    await bot.call("getFileUploadLimits", {});
    stop();
    throwing();
    await bot.call("getFileUploadLimits", {});
    expect(seen.map((r) => r.direction)).toEqual(["in", "out"]);
  });

  it("waitForFrame looks at each frame once (no rescans of the whole log while waiting)", async () => {
    let looks = 0;
    const mark = emu.frameCount;
    const waiting = emu.waitForFrame(
      (record) => {
        looks += 1;
        return record.direction === "out" && record.frame?.method === "sendMessage";
      },
      { since: mark },
    );
    for (let i = 0; i < 20; i += 1) await bot.call("getFileUploadLimits", {});
    await emu.as("alice").send(chatId, "the one");
    const found = await waiting;
    expect(found.frame?.payload).toMatchObject({ content: { text: "the one" } });
    // 40 request/response frames and the event, each looked at exactly once
    expect(looks).toBe(found.seq - mark + 1);
    await expect(emu.waitForFrame(() => false, { timeout: 20 })).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it("links a request to what it stored and to its response", async () => {
    const answer = await bot.call("sendMessage", { chatId, content: { text: "linked", parseMode: "text" } });
    const record = emu.requests("sendMessage").at(-1);
    expect(record?.result).toEqual({ payload: answer });
    expect(record?.response?.frame).toEqual({ type: 2, id: record?.frame?.id, payload: answer });
    expect(emu.messages(chatId).map((m) => m.messageId)).toContain(answer.messageId);
    const refused = await bot.call("getMessageById", { messageId: "none" });
    expect(emu.requests("getMessageById").at(-1)?.result).toEqual(refused);
  });
});

describe("frame log bound", () => {
  it("keeps at most the cap, counts on across drops, and a cursor older than the kept frames gets what is kept", () => {
    const log = new FrameLog(() => undefined, 10);
    for (let i = 0; i < 25; i += 1) log.append("s1", "out", `frame ${i}`);
    expect(log.records.length).toBeLessThanOrEqual(10);
    expect(log.count).toBe(25);
    expect(log.since(0)).toEqual(log.records);
    expect(log.since(24).map((r) => r.raw)).toEqual(["frame 24"]);
  });

  it("is bounded by default and accepts Infinity to keep everything", async () => {
    const { defaultFrameLogLimit } = await import("../src/emulator.js");
    expect(defaultFrameLogLimit).toBe(100_000);
    const unbounded = await Emulator.start({ seed: false, frameLogLimit: Number.POSITIVE_INFINITY });
    await unbounded.stop();
    await expect(Emulator.start({ frameLogLimit: 1.5 })).rejects.toThrow(EmulatorConfigError);
  });
});
