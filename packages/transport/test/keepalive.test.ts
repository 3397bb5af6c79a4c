import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import type WebSocket from "ws";
import { startKeepalive } from "../src/keepalive.js";

/** Just enough of a ws socket for the keepalive: readyState, ping() and the "pong" event. */
function fakeSocket() {
  const socket = Object.assign(new EventEmitter(), { OPEN: 1, readyState: 1, pings: 0 });
  return Object.assign(socket, {
    ping: () => {
      socket.pings += 1;
    },
  });
}

describe("startKeepalive (fake timers)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("pings every interval and declares the peer dead exactly pongTimeout after an unanswered ping", async () => {
    vi.useFakeTimers();
    const socket = fakeSocket();
    const dead = vi.fn();
    const stop = startKeepalive(socket as unknown as WebSocket, {
      interval: 100,
      pongTimeout: 40,
      onDead: dead,
    });

    await vi.advanceTimersByTimeAsync(99);
    expect(socket.pings).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.pings).toBe(1);
    socket.emit("pong"); // alive
    await vi.advanceTimersByTimeAsync(100);
    expect(socket.pings).toBe(2);
    expect(dead).not.toHaveBeenCalled();

    // The peer goes silent right after the second ping: declared dead 40 ms later, i.e. within
    // interval + pongTimeout of its last sign of life.
    await vi.advanceTimersByTimeAsync(39);
    expect(dead).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(dead).toHaveBeenCalledTimes(1);

    stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(socket.listenerCount("pong")).toBe(0);
  });

  it("keeps one ping outstanding at a time and sends none while the socket is not open", async () => {
    vi.useFakeTimers();
    const socket = fakeSocket();
    const dead = vi.fn();
    const stop = startKeepalive(socket as unknown as WebSocket, {
      interval: 10,
      pongTimeout: 1000,
      onDead: dead,
    });
    await vi.advanceTimersByTimeAsync(95);
    expect(socket.pings).toBe(1); // a slow pong is waited for, not stacked with more pings
    socket.emit("pong");
    socket.readyState = 2; // closing
    await vi.advanceTimersByTimeAsync(2000);
    expect(socket.pings).toBe(1);
    expect(dead).not.toHaveBeenCalled();
    stop();
  });
});
