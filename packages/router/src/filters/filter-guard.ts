/*
 * Guards: a cheap necessary condition of a filter, so that a dispatcher with many handlers need not run every
 * filter on every event. `Command("start")` can only match a message whose command name is `start`, and
 * `F.text.eq("hi")` one whose text is `"hi"`: the router reads each such value (a probe) once per event and tries
 * only the handlers whose first filter can match it, still in registration order. Only filters without side
 * effects and without errors to report have guards, so skipping one is the same as running it and missing.
 */

/** Reads one value of an event that several guards compare with; `undefined` when the event has none. */
export interface Probe {
  /** Probes with the same id read the same value: it is read once per event for all of them. */
  readonly id: string;
  readonly read: (event: unknown) => string | undefined;
}

/** A filter can match only events whose `probe` reads one of `values`. */
export interface FilterGuard {
  readonly probe: Probe;
  readonly values: readonly string[];
}

/** The internal method of a filter of this package that has a guard. */
export const guardOf: unique symbol = Symbol("guardOf");

interface Guarded {
  [guardOf](): FilterGuard | undefined;
}

/** The guard of `filter`, if it is a filter of this package that has one. */
export function filterGuard(filter: unknown): FilterGuard | undefined {
  if ((typeof filter !== "object" && typeof filter !== "function") || filter === null) return undefined;
  const method = (filter as Partial<Guarded>)[guardOf];
  return typeof method === "function" ? method.call(filter) : undefined;
}
