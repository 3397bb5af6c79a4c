import { describe, expect, it } from "vitest";
import { type Queued, TaskQueue } from "../../src/concurrency/task-queue.js";

interface Item extends Queued<Item> {
  id: number;
}

const item = (id: number): Item => ({ id, next: undefined });

describe("TaskQueue", () => {
  it("is first in, first out, through pushes and shifts interleaved", () => {
    const queue = new TaskQueue<Item>();
    expect(queue.shift()).toBeUndefined();
    queue.push(item(1));
    queue.push(item(2));
    expect(queue.shift()?.id).toBe(1);
    queue.push(item(3));
    expect(queue.size).toBe(2);
    expect([...queue.drain()].map((i) => i.id)).toEqual([2, 3]);
    expect(queue.size).toBe(0);
    queue.push(item(4));
    expect(queue.shift()?.id).toBe(4);
    expect(queue.shift()).toBeUndefined();
  });

  it("unlinks what it hands out, so an item can join another queue", () => {
    const first = new TaskQueue<Item>();
    const second = new TaskQueue<Item>();
    const [a, b] = [item(1), item(2)];
    first.push(a);
    first.push(b);
    second.push(first.shift()!);
    expect(a.next).toBeUndefined();
    expect([...second.drain()].map((i) => i.id)).toEqual([1]);
    expect([...first.drain()].map((i) => i.id)).toEqual([2]);
  });
});
