/**
 * The gate between the socket and the "update" listeners. Open, each server push is handed on at once; paused,
 * pushes are held in arrival order and handed on by `resume()`. Only the emission waits: the frame has already
 * been read and acked, so responses, pongs and acks keep flowing and the handlers that made the consumer pause
 * can finish their requests.
 *
 * Memory: nothing is dropped, so the held pushes grow for as long as the pause lasts (one parsed frame each, at
 * the rate the server pushes). The consumer that pauses is expected to resume once it has caught up.
 */
export class UpdateIntake<T> {
  readonly #deliver: (update: T) => void;
  readonly #held: T[] = [];
  /** Index of the next held push to deliver; delivered ones are cut off once per `resume()`, not shifted singly. */
  #next = 0;
  #paused = false;
  #draining = false;

  constructor(deliver: (update: T) => void) {
    this.#deliver = deliver;
  }

  /** Whether pushes are being held. */
  get paused(): boolean {
    return this.#paused;
  }

  /** How many pushes are held, waiting for `resume()`. */
  get held(): number {
    return this.#held.length - this.#next;
  }

  /** Delivers the push now, or holds it when paused or while earlier held pushes are still being delivered. */
  push(update: T): void {
    if (this.#paused || this.held > 0) this.#held.push(update);
    else this.#deliver(update);
  }

  /** Starts holding pushes. Idempotent. */
  pause(): void {
    this.#paused = true;
  }

  /**
   * Delivers the held pushes in arrival order, then lets new ones through. A listener that pauses again while
   * they are delivered stops the delivery right there; the rest stay held, still in order. Idempotent.
   */
  resume(): void {
    this.#paused = false;
    // A listener calling resume() from inside the delivery must not start a second, interleaved delivery.
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (!this.#paused && this.#next < this.#held.length) {
        const update = this.#held[this.#next] as T;
        this.#next += 1;
        this.#deliver(update);
      }
    } finally {
      this.#draining = false;
      this.#held.splice(0, this.#next);
      this.#next = 0;
    }
  }
}
