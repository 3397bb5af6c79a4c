import type { FaultState } from "./faults.js";
import type { Session, UnreadEntry } from "./session.js";
import type { EventSink } from "./world/world-contract.js";

/** Envelope types below this are system envelopes (participant added, title changed…, PROTOCOL.md 5.3). */
const firstUserEnvelopeType = 200;

function isSystemEnvelope(method: string, payload: Record<string, unknown>): boolean {
  return method === "sendMessage" && typeof payload.type === "number" && payload.type < firstUserEnvelopeType;
}

/**
 * How many unacked `sendMessage` events are kept per bot account for `receiveUnread`; beyond it the oldest are
 * forgotten, so a bot that never acks (or never connects) cannot grow a long-running emulator without bound.
 */
export const maxUnreadPerAccount = 10_000;

/**
 * Delivers world events to every authorised session of the bot account they concern, honouring each session's
 * `receiveSystemMessageEnvelopes` flag, and keeps the `sendMessage` events that no session of the account has
 * acked yet so that a later `auth` with `receiveUnread` can deliver them again.
 */
export class EventFanout implements EventSink {
  readonly #sessions: () => readonly Session[];
  readonly #faults: FaultState;
  readonly #changed: () => void;
  /** Per account, the sendMessage events nobody acked, in the order they happened. */
  readonly #unread = new Map<string, Set<UnreadEntry>>();

  constructor(sessions: () => readonly Session[], faults: FaultState, changed: () => void) {
    this.#sessions = sessions;
    this.#faults = faults;
    this.#changed = changed;
  }

  /** Sends an event of the world to every authorised session of `userId` (see {@link EventSink.push}). */
  push(userId: string, method: string, payload: Record<string, unknown>): void {
    let entry: UnreadEntry | undefined;
    if (method === "sendMessage") {
      entry = { userId, payload };
      let unread = this.#unread.get(userId);
      if (unread === undefined) {
        unread = new Set();
        this.#unread.set(userId, unread);
      }
      unread.add(entry);
      if (unread.size > maxUnreadPerAccount) {
        const [oldest] = unread;
        if (oldest !== undefined) unread.delete(oldest);
      }
    }
    const system = isSystemEnvelope(method, payload);
    for (const session of this.#sessions()) {
      if (session.userId !== userId || !session.open) continue;
      if (system && !session.flags.receiveSystemMessageEnvelopes) continue;
      session.sendEvent(method, payload, entry, this.#faults.eventDelivery);
    }
    this.#changed();
  }

  /** A session acked a server request; a `sendMessage` it carried is no longer unread. */
  acknowledged(entry: UnreadEntry): void {
    this.#unread.get(entry.userId)?.delete(entry);
  }

  /** Delivers again, to this session only, every `sendMessage` of its account that nobody acked. */
  redeliverUnread(session: Session): void {
    if (session.userId === undefined) return;
    const unread = this.#unread.get(session.userId);
    if (unread === undefined) return;
    for (const entry of [...unread]) {
      if (isSystemEnvelope("sendMessage", entry.payload) && !session.flags.receiveSystemMessageEnvelopes)
        continue;
      session.sendEvent("sendMessage", entry.payload, entry, this.#faults.eventDelivery);
    }
  }
}
