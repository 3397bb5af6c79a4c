/** Something with a deadline, tracked by `Deadlines`. */
export interface Timed {
  /** Milliseconds it may live. */
  readonly timeout: number;
  /** `performance.now()` value at which it expires; set by `Deadlines.add`. */
  deadline: number;
}

interface Group<T> {
  readonly timeout: number;
  items: Set<T>;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Expiry for many short-lived items with one timer per distinct timeout instead of one per item. Items with
 * the same timeout expire in insertion order, so each group only needs a timer for its oldest item. Nearly all
 * requests share the default timeout: the hot path allocates no timer at all.
 */
export class Deadlines<T extends Timed> {
  readonly #groups = new Map<number, Group<T>>();
  readonly #onExpire: (item: T) => void;

  constructor(onExpire: (item: T) => void) {
    this.#onExpire = onExpire;
  }

  /** How many timeout groups exist; a group is dropped once its timer finds it empty (bounded memory). */
  get groupCount(): number {
    return this.#groups.size;
  }

  /** Starts the item's clock. */
  add(item: T): void {
    item.deadline = performance.now() + item.timeout;
    let group = this.#groups.get(item.timeout);
    if (!group) {
      group = { timeout: item.timeout, items: new Set(), timer: undefined };
      this.#groups.set(item.timeout, group);
    }
    group.items.add(item);
    if (group.timer === undefined) this.#arm(group, item.timeout);
    else if (group.items.size === 1) group.timer.ref();
  }

  /**
   * Stops the item's clock. An emptied group keeps its timer (re-arming per request would cost a timer each)
   * but unrefs it, so that a finished client never holds the process open until the timer runs out.
   */
  delete(item: T): void {
    const group = this.#groups.get(item.timeout);
    if (group?.items.delete(item) && group.items.size === 0) group.timer?.unref();
  }

  #arm(group: Group<T>, delay: number): void {
    group.timer = setTimeout(() => this.#expire(group), Math.max(0, Math.ceil(delay)));
  }

  #expire(group: Group<T>): void {
    group.timer = undefined;
    const now = performance.now();
    for (const item of group.items) {
      if (item.deadline > now) {
        this.#arm(group, item.deadline - now);
        return;
      }
      group.items.delete(item);
      this.#onExpire(item);
    }
    // Callers may use many distinct timeouts (e.g. "what is left of my budget"): forget empty groups so the
    // map stays as small as the set of timeouts actually in use. `onExpire` may have added to this group again.
    if (group.items.size === 0 && group.timer === undefined) this.#groups.delete(group.timeout);
  }
}
