import { F } from "@tc/bot";
import { describe, expect, it } from "vitest";
import { IdleTimeoutError, TestExpectationError, WaitTimeoutError } from "../src/index.js";
import { recordingWorld } from "./support/echo-bot.js";

describe("world.idle()", () => {
  it("waits for an event still on the wire, before the bot has even seen it", async () => {
    const notes: string[] = [];
    const { world } = await recordingWorld((router) => {
      router.message(F.text.startsWith("note "), (message) => {
        notes.push(message.text.slice(5));
      });
    });
    // The emulator holds a lone event for 50 ms: the dispatcher is idle all along, only the unacked push tells.
    world.emulator.faults.reorderEvents(true);
    await world.user("alice").send("note one");
    await world.idle();
    expect(notes).toEqual(["one"]);
  });

  it("waits for handlers and for every request they made, awaited or not", async () => {
    const { world } = await recordingWorld((router) => {
      router.message(F.text.eq("slow"), async (message) => {
        for (const step of ["1", "2", "3"]) await message.answer(step, { parseMode: "text" });
      });
      router.message(F.text.eq("fire and forget"), (message) => {
        void message.answer("in the background", { parseMode: "text" });
      });
    });
    const alice = world.user("alice");
    await alice.send("slow");
    await alice.send("fire and forget");
    await world.idle();
    const botTexts = alice
      .messages()
      .filter((m) => m.authorId === world.botUserId)
      .map((m) => m.text);
    expect(botTexts).toEqual(["1", "2", "3", "in the background"]);
    expect(world.bot.transport.pending).toEqual({ queued: 0, inFlight: 0 });
    expect(world.emulator.sessions.filter((s) => s.open).map((s) => s.pendingAcks)).toEqual([0]);
  });

  it("waits for the answer of a request nobody awaits", async () => {
    const { world } = await recordingWorld((router) => {
      router.message(F.text.eq("fire and forget"), (message) => {
        void message.answer("in the background", { parseMode: "text" });
      });
    });
    // Stored at once, answered 50 ms later: only the request still in flight tells that the bot is not done.
    world.emulator.faults.delayResponses("sendMessage", 50);
    await world.user("alice").send("fire and forget");
    await world.idle();
    expect(world.bot.transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("waits for everything many users sent in several chats", async () => {
    const { world, recorded } = await recordingWorld(undefined, { users: ["dave"] });
    const users = ["alice", "bob", "carol", "dave"].map((login) => world.user(login));
    for (let round = 0; round < 5; round += 1) {
      for (const user of users) await user.send(`${user.login} ${round}`);
      await users[0]?.in(world.chats.team).send(`team ${round}`);
    }
    await world.idle();
    const handled = recorded.events.filter(
      (e) => e.method === "sendMessage" && e.fromUserId !== world.botUserId,
    );
    expect(handled).toHaveLength(25);
    for (const user of users)
      expect(user.messages().filter((m) => m.authorId === world.botUserId)).toHaveLength(5);
  });

  it("waits until a dropped bot is connected again", async () => {
    const { world } = await recordingWorld();
    await world.dropConnection({ awaitReconnect: false });
    expect(world.bot.healthCheck().authorized).toBe(false);
    await world.idle();
    expect(world.bot.healthCheck().authorized).toBe(true);
  });

  it("times out with IdleTimeoutError saying what is still going on", async () => {
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { world } = await recordingWorld((router) => {
      router.message(F.text.eq("hang"), () => gate);
    });
    await world.user("alice").send("hang");
    const error = (await world.idle({ timeout: 100 }).catch((e: unknown) => e)) as IdleTimeoutError;
    expect(error).toBeInstanceOf(IdleTimeoutError);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(TestExpectationError);
    expect(error.timeout).toBe(100);
    expect(error.message).toMatch(
      /^world\.idle\(\): the bot was still busy after 100 ms: 1 handler running\n/,
    );
    expect(error.message).toContain("Frames between the bot and the emulator (latest last):");
    expect(error.message).toContain("sendMessage");
    release();
    await world.idle();
  });

  it("refuses bad options", async () => {
    const { world } = await recordingWorld();
    await expect(world.idle({ timeout: 0 })).rejects.toThrow(/Invalid timeout/);
    await expect(world.idle({ wait: 1 } as never)).rejects.toThrow(/idle options: unknown option "wait"/);
  });
});
