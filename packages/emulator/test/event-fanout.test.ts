import { describe, expect, it } from "vitest";
import { EventFanout, maxUnreadPerAccount } from "../src/event-fanout.js";
import { FaultState } from "../src/faults.js";
import type { Session } from "../src/session.js";

/** A connected session of `bot` that records the sendMessage payloads it is handed. */
function recordingSession(received: unknown[]): Session {
  return {
    userId: "bot@emulator.local",
    open: true,
    flags: { receiveUnread: true, receiveSystemMessageEnvelopes: false },
    sendEvent: (_method: string, payload: Record<string, unknown>) => received.push(payload.n),
  } as unknown as Session;
}

describe("unread events kept for receiveUnread", () => {
  it("are bounded per account: past the limit the oldest are forgotten", () => {
    const sessions: Session[] = [];
    const fanout = new EventFanout(
      () => sessions,
      new FaultState(),
      () => undefined,
    );
    const total = maxUnreadPerAccount + 5;
    for (let n = 1; n <= total; n += 1) fanout.push("bot@emulator.local", "sendMessage", { type: 200, n });
    const received: unknown[] = [];
    fanout.redeliverUnread(recordingSession(received));
    expect(received).toHaveLength(maxUnreadPerAccount);
    expect(received[0]).toBe(6);
    expect(received.at(-1)).toBe(total);
  });
});
