/*
 * Turning any accepted filter into one calling convention, and running a list of them in order. Kept apart from
 * the contract types so that the combinators and `compileFilters` share one engine.
 */
import { describeValue, InvalidArgumentError } from "@tc/api";
import { isRunnableFilter, runFilter } from "./typed-filter.js";

/** One normalised filter: the raw result (maybe a promise) of checking `event`. */
export type Check = (event: unknown, ctx: object) => unknown;

/**
 * The check of one filter: a function is called as is; a filter of this package runs through its internal
 * entry; an object through its `check(event, ctx)` method; a number (a `MessageType` value) compares `event.type`.
 * Anything else is refused here, at registration, rather than failing on every event.
 */
export function toCheck(filter: unknown, where: string): Check {
  if (typeof filter === "number") {
    if (!Number.isInteger(filter)) {
      throw new InvalidArgumentError(`${where}: a number filter must be a MessageType value, got ${filter}`);
    }
    return (event) => (event as { type?: unknown } | null)?.type === filter;
  }
  if (isRunnableFilter(filter)) return (event, ctx) => filter[runFilter](event, ctx);
  if (typeof filter === "function") return filter as Check;
  if (typeof filter === "object" && filter !== null) {
    const check = (filter as { check?: unknown }).check;
    if (typeof check === "function") return (event, ctx) => check.call(filter, event, ctx);
  }
  throw new InvalidArgumentError(
    `${where}: expected a function, an object with check(event, ctx), a magic filter or a MessageType value, got ${describeValue(filter)}`,
  );
}

/** Normalises every filter of a list, naming the position of a bad one. */
export function toChecks(filters: readonly unknown[], where: string): Check[] {
  if (!Array.isArray(filters)) throw new InvalidArgumentError(`${where}: expected an array of filters`);
  return filters.map((filter, index) => toCheck(filter, `${where}, filter ${index + 1}`));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** A plain object result (`{ admin }`) is merged into ctx; other truthy results (`true`, an instance) only match. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Runs checks in order and stops at the first that does not match. Each check sees ctx with the fields added by
 * the checks before it (through a child object, so ctx's own getters keep working). Awaits only results that are
 * promises, so synchronous filters cost no extra turn of the event loop each. Errors propagate.
 */
export async function runChecks(
  checks: readonly Check[],
  event: unknown,
  ctx: object,
): Promise<false | Record<string, unknown>> {
  let added: Record<string, unknown> | undefined;
  let view: object = ctx;
  for (const check of checks) {
    let result = check(event, view);
    if (isThenable(result)) result = await result;
    if (!result) return false;
    if (isPlainObject(result)) {
      if (added === undefined) {
        added = {};
        view = Object.create(ctx) as object;
      }
      Object.assign(added, result);
      Object.assign(view, result);
    }
  }
  return added ?? {};
}
