import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { connectRawBot, type WireFrame } from "./support/raw-bot.js";

let emu: Emulator;
let chatId: string;
beforeAll(async () => {
  emu = await Emulator.start();
  chatId = emu.createChat({ type: "group", title: "Ops", owner: "alice", participants: ["bot", "bob"] });
});
afterAll(() => emu.stop());

function text(frame: WireFrame): unknown {
  return ((frame.payload as Record<string, unknown>).content as Record<string, unknown>).text;
}

describe("event fan-out", () => {
  it("delivers each event to every authorised session of the account, with ids of the server's own", async () => {
    const first = await connectRawBot(emu);
    const second = await connectRawBot(emu);
    const idle = await connectRawBot(emu, { auth: false });
    await first.call("getChats", { count: 10, page: 1 });
    const { messageId } = await emu.as("alice").send(chatId, "hello both");
    const [a, b] = await Promise.all([first.nextEvent("sendMessage"), second.nextEvent("sendMessage")]);
    expect(text(a)).toBe("hello both");
    expect(text(b)).toBe("hello both");
    expect((a.payload as Record<string, unknown>).messageId).toBe(messageId);
    // ids are per connection and start at 1, independent of the client's own request ids
    expect(a.id).toBe(1);
    expect(b.id).toBe(1);
    expect(idle.events).toHaveLength(0);
    await Promise.all([first.close(), second.close(), idle.close()]);
  });

  it("tracks acks: unacked events are pending until the client acks", async () => {
    const silent = await connectRawBot(emu, { ack: false });
    await emu.as("alice").send(chatId, "ack me");
    const event = await silent.nextEvent("sendMessage");
    const session = () => emu.sessions.find((s) => s.connectionId === silent.authPayload.connectionId);
    expect(session()?.pendingAcks).toBe(1);
    silent.ws.send(JSON.stringify({ type: 2, id: event.id }));
    await emu.waitFor(() => session()?.pendingAcks === 0);
    await silent.close();
  });
});

describe("receiveUnread", () => {
  it("re-delivers sendMessage events that no session of the account acked, and only those", async () => {
    const listener = await connectRawBot(emu, { ack: false });
    await emu.as("alice").send(chatId, "unread one");
    await emu.as("alice").send(chatId, "unread two");
    const [one, two] = [await listener.nextEvent("sendMessage"), await listener.nextEvent("sendMessage")];
    // ack the second only: the first stays unread
    listener.ws.send(JSON.stringify({ type: 2, id: two.id }));
    await emu.waitForFrame((r) => r.direction === "in" && r.frame?.type === 2 && r.frame.id === two.id);
    await listener.close();
    expect(text(one)).toBe("unread one");

    const without = await connectRawBot(emu, { receiveUnread: false });
    const late = await connectRawBot(emu, { receiveUnread: true });
    const redelivered = await late.nextEvent("sendMessage");
    expect(text(redelivered)).toBe("unread one");
    await emu.as("alice").send(chatId, "fresh");
    expect(text(await late.nextEvent("sendMessage"))).toBe("fresh");
    expect(text(await without.nextEvent("sendMessage"))).toBe("fresh");
    await Promise.all([without.close(), late.close()]);

    // the late session acked it, so nobody gets it again
    const again = await connectRawBot(emu, { receiveUnread: true });
    await emu.as("alice").send(chatId, "marker");
    expect(text(await again.nextEvent("sendMessage"))).toBe("marker");
    await again.close();
  });

  it("keeps events pushed while no session was connected", async () => {
    const { messageId } = await emu.as("bob").send(chatId, "while offline");
    const bot = await connectRawBot(emu, { receiveUnread: true });
    const event = await bot.nextEvent("sendMessage");
    expect((event.payload as Record<string, unknown>).messageId).toBe(messageId);
    await bot.close();
  });
});

describe("system envelopes", () => {
  it("reach only the sessions that asked with receiveSystemMessageEnvelopes", async () => {
    const plain = await connectRawBot(emu);
    const system = await connectRawBot(emu, { receiveSystemMessageEnvelopes: true });
    await emu.as("alice").addParticipant(chatId, "carol");
    await Promise.all([plain.nextEvent("addChatParticipant"), system.nextEvent("addChatParticipant")]);
    await emu.as("alice").send(chatId, "after the change");
    await Promise.all([plain.nextEvent("sendMessage"), system.nextEvent("sendMessage")]);
    const types = (frames: WireFrame[]) =>
      frames
        .filter((f) => f.method === "sendMessage")
        .map((f) => (f.payload as Record<string, unknown>).type as number);
    expect(types(plain.events).every((type) => type >= 200)).toBe(true);
    expect(types(system.events).some((type) => type < 200)).toBe(true);
    await Promise.all([plain.close(), system.close()]);
  });
});
