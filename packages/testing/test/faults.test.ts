import { describe, expect, it } from "vitest";
import { ReconnectTimeoutError, WaitTimeoutError } from "../src/index.js";
import { recordingWorld } from "./support/echo-bot.js";

/** The `auth` answers the emulator gave, oldest first: undefined for a success, else the error code. */
function authOutcomes(frames: { frame?: Record<string, unknown>; result?: unknown; direction: string }[]) {
  return frames
    .filter((r) => r.direction === "in" && r.frame?.method === "auth")
    .map((r) => (r.result as { errorCode?: number } | undefined)?.errorCode);
}

describe("faults", () => {
  it("dropConnection cuts the connection and resolves once the bot is back", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    const before = world.emulator.sessions[0]?.id;
    await world.dropConnection();
    expect(world.bot.healthCheck().authorized).toBe(true);
    const sessions = world.emulator.sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.id === before)?.open).toBe(false);
    expect(sessions.filter((s) => s.open && s.authorized)).toHaveLength(1);
    await alice.send("still there?");
    await alice.expectReply("still there?");
  });

  it("dropConnection can close cleanly with a code, and not wait", async () => {
    const { world } = await recordingWorld();
    const errors: (string | undefined)[] = [];
    world.bot.transport.on("state", (status) => errors.push(status.error));
    await world.dropConnection({ clean: true, code: 4000 });
    expect(errors[0]).toMatch(/closed with code 4000/);
    await world.dropConnection({ awaitReconnect: false });
    expect(world.bot.healthCheck().authorized).toBe(false);
    await world.idle();
    await world.user("alice").send("back");
    await world.user("alice").expectReply("back");
  });

  it("dropConnection fails with ReconnectTimeoutError when the bot cannot come back", async () => {
    const { world } = await recordingWorld();
    world.emulator.faults.refuseHandshakes(1_000);
    const error = (await world
      .dropConnection({ timeout: 200 })
      .catch((e: unknown) => e)) as ReconnectTimeoutError;
    expect(error).toBeInstanceOf(ReconnectTimeoutError);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.timeout).toBe(200);
    expect(error.message).toMatch(
      /^world\.dropConnection\(\): the bot did not authorise again within 200 ms\n/,
    );
  });

  it("expireToken: the bot's next request gets 203, and it answers after re-authorising with a new token", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    world.expireToken();
    await alice.send("ping");
    await alice.expectReply("ping");
    const answers = world.emulator
      .requests("sendMessage")
      .map((r) => (r.result as { errorCode?: number })?.errorCode);
    expect(answers).toEqual([203, undefined]);
    expect(authOutcomes(world.emulator.frames)).toEqual([undefined, undefined]);
    const tokens = world.emulator
      .requests("auth")
      .map((r) => (r.frame?.payload as { token?: string } | undefined)?.token);
    expect(new Set(tokens).size).toBe(2);
  });

  it("expireToken({ onRequests: false }) refuses only the next auth with the old token", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    world.expireToken({ onRequests: false });
    await alice.send("still valid");
    await alice.expectReply("still valid");
    await world.dropConnection();
    expect(authOutcomes(world.emulator.frames)).toEqual([undefined, 203, undefined]);
    await alice.send("after");
    await alice.expectReply("after");
  });

  it("transcript() shows the frames, tokens redacted", async () => {
    const { world } = await recordingWorld();
    await world.user("alice").send("hello");
    await world.user("alice").expectReply("hello");
    const transcript = world.transcript();
    expect(transcript).toContain("auth");
    expect(transcript).toContain("[redacted]");
    expect(transcript).toContain("hello");
  });

  it("refuses bad options", async () => {
    const { world } = await recordingWorld();
    await expect(world.dropConnection({ awaitReconect: false } as never)).rejects.toThrow(
      /did you mean "awaitReconnect"/,
    );
    expect(() => world.expireToken({ onRequest: true } as never)).toThrow(/did you mean "onRequests"/);
    expect(() => world.expireToken({ onRequests: "yes" } as never)).toThrow(/Invalid onRequests/);
  });
});
