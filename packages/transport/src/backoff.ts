/**
 * Exponential backoff with full jitter: the n-th consecutive wait is uniform in [0, min(maxDelay, baseDelay·2ⁿ)].
 * The ceiling grows deterministically, so the jitter never compounds into later waits, and many clients dropped
 * at once spread out instead of reconnecting in lock-step.
 *
 * @example
 * const backoff = new Backoff({ baseDelay: 1000, maxDelay: 60_000 });
 * await sleep(backoff.next()); // 0–1 s, then 0–2 s, 0–4 s … capped at 60 s
 * backoff.reset();             // after a successful auth
 */
export class Backoff {
  readonly #baseDelay: number;
  readonly #maxDelay: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: { baseDelay: number; maxDelay: number; random?: () => number }) {
    this.#baseDelay = options.baseDelay;
    this.#maxDelay = options.maxDelay;
    this.#random = options.random ?? Math.random;
  }

  /** The ceiling of the next wait, before jitter. */
  get ceiling(): number {
    // Past 2^30 the product only overflows the cap anyway; clamping the exponent keeps it finite.
    return Math.min(this.#maxDelay, this.#baseDelay * 2 ** Math.min(this.#attempt, 30));
  }

  /** The next wait in milliseconds; each call raises the ceiling for the following one. */
  next(): number {
    const delay = Math.floor(this.#random() * this.ceiling);
    this.#attempt += 1;
    return delay;
  }

  /** Starts over from the base delay. */
  reset(): void {
    this.#attempt = 0;
  }
}
