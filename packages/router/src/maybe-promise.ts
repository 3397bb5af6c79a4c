/*
 * The dispatch path works on values that are plain when every step was synchronous and promises only when a step
 * really awaited something: a filter, a handler or a middleware that returned a promise. Awaiting a plain value
 * would cost a turn of the microtask queue per step, and an event crosses dozens of steps.
 */

/** A value, or a promise of it when the work behind it was asynchronous. */
export type MaybePromise<T> = T | Promise<T>;

/** Whether `value` is a promise or any other thenable (what `await` would wait for). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
