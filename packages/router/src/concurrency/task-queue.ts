/** What {@link TaskQueue} links: each item is in one queue at a time, so the link lives on the item. */
export interface Queued<T> {
  next: T | undefined;
}

/**
 * A first-in first-out queue linked through its items: push and shift are O(1) and allocate nothing, where an
 * array's `shift()` moves every remaining element.
 */
export class TaskQueue<T extends Queued<T>> {
  #head: T | undefined;
  #tail: T | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    item.next = undefined;
    if (this.#tail === undefined) this.#head = item;
    else this.#tail.next = item;
    this.#tail = item;
    this.#size++;
  }

  shift(): T | undefined {
    const item = this.#head;
    if (item === undefined) return undefined;
    this.#head = item.next;
    if (this.#head === undefined) this.#tail = undefined;
    item.next = undefined;
    this.#size--;
    return item;
  }

  /** Empties the queue, yielding the items in order. */
  *drain(): Generator<T> {
    for (let item = this.shift(); item !== undefined; item = this.shift()) yield item;
  }
}
