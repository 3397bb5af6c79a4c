import { describe, expect, it } from "vitest";
import type { ServerUpdate, TransportOptions } from "../src/index.js";
import { UpdateIntake } from "../src/update-intake.js";
import { connect } from "./support/connect.js";
import { until } from "./support/until.js";

async function setup(options: Partial<TransportOptions> = {}) {
  const { server, transport } = await connect(options);
  const updates: ServerUpdate[] = [];
  transport.on("update", (u) => updates.push(u));
  const push = (id: number) =>
    server.sendRaw(JSON.stringify({ type: 1, id, method: "sendMessage", payload: { n: id } }));
  return { server, transport, updates, push };
}

describe("Transport.pause() / resume()", () => {
  it("holds pushes in arrival order while responses and acks keep flowing, then emits them all", async () => {
    const { server, transport, updates, push } = await setup();
    await transport.start();
    push(1);
    await until(() => updates.length === 1);
    transport.pause();
    transport.pause(); // idempotent
    expect(transport.paused).toBe(true);
    for (const id of [2, 3, 4]) push(id);
    await until(() => server.acks().length === 4); // acked on arrival, paused or not
    // A request answered after the pushes: they have been read, yet none was emitted.
    await expect(transport.request("probe", { p: 1 })).resolves.toEqual({ echo: { p: 1 } });
    expect(updates.map((u) => u.id)).toEqual([1]);
    expect(transport.heldUpdates).toBe(3);
    transport.resume();
    expect(transport.paused).toBe(false);
    expect(updates.map((u) => u.id)).toEqual([1, 2, 3, 4]);
    expect(transport.heldUpdates).toBe(0);
    push(5);
    await until(() => updates.length === 5);
    expect(updates.map((u) => u.payload)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
  });

  it("keeps holding across a reconnect, and in manual-ack mode acks nothing on its own", async () => {
    const { server, transport, updates, push } = await setup({ manualAck: true });
    await transport.start();
    transport.pause();
    push(1);
    await transport.request("probe");
    server.dropAll();
    await until(() => server.sockets.length === 2 && transport.health().status === "authorized");
    push(2);
    await transport.request("probe");
    expect(updates).toEqual([]);
    expect(server.acks()).toEqual([]);
    transport.resume();
    expect(updates.map((u) => u.id)).toEqual([1, 2]);
    for (const update of updates) transport.ack(update.id); // id 1 belongs to the dropped connection: ignored
    await transport.request("probe");
    expect(server.acks().map((a) => [a.socket, a.frame.id])).toEqual([[1, 2]]);
  });

  it("a listener that pauses during resume() stops the emission there; the rest stay held, in order", async () => {
    const { transport, updates, push } = await setup();
    await transport.start();
    transport.pause();
    for (const id of [1, 2, 3]) push(id);
    await transport.request("probe");
    transport.on("update", (u) => {
      if (u.id === 1) transport.pause();
    });
    transport.resume();
    expect(updates.map((u) => u.id)).toEqual([1]);
    expect(transport.paused).toBe(true);
    expect(transport.heldUpdates).toBe(2);
    push(4);
    await transport.request("probe");
    transport.resume();
    expect(updates.map((u) => u.id)).toEqual([1, 2, 3, 4]);
  });
});

describe("UpdateIntake", () => {
  it("delivers at once when open, holds when paused, and resume() inside a delivery does not interleave", () => {
    const delivered: number[] = [];
    const intake: UpdateIntake<number> = new UpdateIntake((n) => {
      delivered.push(n);
      if (n === 2) intake.resume(); // re-entrant: must not start a second delivery loop
    });
    intake.push(1);
    intake.pause();
    intake.push(2);
    intake.push(3);
    expect(delivered).toEqual([1]);
    intake.resume();
    expect(delivered).toEqual([1, 2, 3]);
    expect(intake.held).toBe(0);
    intake.resume(); // idempotent
    intake.push(4);
    expect(delivered).toEqual([1, 2, 3, 4]);
  });
});
