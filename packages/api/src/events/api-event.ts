import type { Api } from "../api.js";

/**
 * Where an event came from when it was a server push: the push's frame id, and how to acknowledge it. Events
 * built from answers (`getMessageById`, history items) have none.
 */
export interface PushOrigin {
  /** The frame id of the push. */
  readonly updateId: number;
  /** Acknowledges the push (in manual-ack mode; a no-op otherwise). */
  readonly ack: () => void;
}

/**
 * Base of every typed event: remembers the Api (or Bot) that parsed it, typed as that very class, and the push it
 * came from.
 *
 * @example
 * api.on("event", (event) => {
 *   if (event.chatId !== undefined) console.log(event.method, "in", event.chatId, "by", event.fromUserId);
 * });
 */
export abstract class ApiEvent<B extends Api = Api> {
  /** The wire method of this event. */
  abstract readonly method: string;
  /** The chat the event happened in; `undefined` for events that are not about a chat. */
  abstract readonly chatId: string | undefined;
  /** The user who caused the event, when the server says. */
  abstract readonly fromUserId: string | undefined;
  /** The frame id of the push; `undefined` for events not from a push (history items, `getMessageById`). */
  readonly updateId: number | undefined;
  readonly #api: B;
  readonly #ack: (() => void) | undefined;

  constructor(api: B, origin?: PushOrigin) {
    this.#api = api;
    this.updateId = origin?.updateId;
    this.#ack = origin?.ack;
  }

  /** The Api or Bot this event is bound to (kept out of enumerable fields so events log cleanly). */
  get bot(): B {
    return this.#api;
  }

  /** The same as {@link ApiEvent.bot}. */
  get api(): B {
    return this.#api;
  }

  /**
   * Acknowledges the push in the transport's manual-ack mode, telling the server it was handled. A no-op when
   * the transport acks by itself, and for events that did not come from a push.
   *
   * @example
   * api.on("event", async (event) => { await store(event); event.ack(); });
   */
  ack(): void {
    this.#ack?.();
  }
}
