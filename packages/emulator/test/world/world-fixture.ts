import { expect } from "vitest";
import { defaultProtocolOptions, type ProtocolOptions } from "../../src/protocol-options.js";
import { type SeededWorld, seedWorld, World } from "../../src/world/world.js";
import type { MethodResult } from "../../src/world/world-contract.js";

/** One event the world pushed through its sink. */
export interface PushedEvent {
  userId: string;
  method: string;
  payload: Record<string, unknown>;
}

/** A seeded world with a recording sink, for unit tests of `World.handle` and the human actor. */
export interface WorldFixture {
  world: World;
  seeded: SeededWorld;
  bot: string;
  events: PushedEvent[];
  /** Events pushed to `userId` (default: the seeded bot) with this method, in order. */
  eventsOf(method: string, userId?: string): Record<string, unknown>[];
  /** Call as the seeded bot (or `caller`); returns the success payload or fails the test. */
  ok(method: string, payload: unknown, caller?: string): Record<string, unknown>;
  /** Call and expect this error code; returns the description. */
  fails(method: string, payload: unknown, errorCode: number, caller?: string): string;
  /** The raw result. */
  call(method: string, payload: unknown, caller?: string): MethodResult;
}

/** Build a fixture; `protocol` overrides the default options. */
export function worldFixture(protocol: Partial<ProtocolOptions> = {}): WorldFixture {
  const events: PushedEvent[] = [];
  const world = new World({
    serverName: "emulator.local",
    protocol: { ...defaultProtocolOptions, ...protocol },
    sink: { push: (userId, method, payload) => events.push({ userId, method, payload }) },
  });
  world.setBaseUrl("http://127.0.0.1:4309");
  const seeded = seedWorld(world);
  events.length = 0; // tests look at what they cause, not at the seeding
  const bot = seeded.bot.userId;
  const call = (method: string, payload: unknown, caller = bot) =>
    world.handle(caller, method, payload) as MethodResult;
  return {
    world,
    seeded,
    bot,
    events,
    eventsOf: (method, userId = bot) =>
      events
        .filter((event) => event.userId === userId && event.method === method)
        .map((event) => event.payload),
    call,
    ok(method, payload, caller) {
      const result = call(method, payload, caller);
      if ("errorCode" in result)
        throw new Error(`${method} failed: ${result.errorCode} ${result.errorDescription}`);
      return result.payload as Record<string, unknown>;
    },
    fails(method, payload, errorCode, caller) {
      const result = call(method, payload, caller);
      expect(result).toMatchObject({ errorCode });
      return "errorDescription" in result ? result.errorDescription : "";
    },
  };
}
