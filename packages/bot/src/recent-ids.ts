/**
 * The most recent ids seen, up to a capacity (the oldest is forgotten first). The server delivers a message again
 * when its ack was lost with a connection (`receiveUnreadMessages` re-delivers what it thinks is unread), so a bot
 * remembers what it already took in order to handle each message once.
 */
export class RecentIds {
  readonly #capacity: number;
  readonly #ids = new Set<string>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records `id`; false when it was already there (a duplicate). */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) this.#ids.delete(this.#ids.values().next().value as string);
    return true;
  }
}
