/*
 * Turning any accepted filter into one calling convention, and running a list of them in order. Kept apart from
 * the contract types so that the combinators and `compileFilters` share one engine.
 */
import { describeValue, InvalidArgumentError } from "@tc/api";
import { isThenable, type MaybePromise } from "../maybe-promise.js";
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
  if (isRunnableFilter(filter)) {
    // Read once: on a magic filter every property read goes through its Proxy.
    const run = filter[runFilter];
    return (event, ctx) => run.call(filter, event, ctx);
  }
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

/** A plain object result (`{ admin }`) is merged into ctx; other truthy results (`true`, an instance) only match. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What a list of checks resolves to: `false` for no match, else the ctx fields the filters added. */
export type ChecksResult = false | Record<string, unknown>;

/** The result of checks whose filters added nothing; shared, since nothing may write to it. */
export const nothingAdded: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Runs checks in order and stops at the first that does not match. Each check sees ctx with the fields added by
 * the checks before it (through a child object, so ctx's own getters keep working). While the checks answer
 * synchronously the result is a plain value; from the first check that returns a promise on, the rest runs after
 * it and the result is a promise. Errors propagate (thrown, or as the rejection once a promise is involved).
 */
export function runChecks(checks: readonly Check[], event: unknown, ctx: object): MaybePromise<ChecksResult> {
  return continueChecks(checks, 0, event, ctx, undefined, ctx);
}

function continueChecks(
  checks: readonly Check[],
  from: number,
  event: unknown,
  ctx: object,
  added: Record<string, unknown> | undefined,
  view: object,
): MaybePromise<ChecksResult> {
  for (let index = from; index < checks.length; index++) {
    const result = checks[index]!(event, view);
    if (isThenable(result)) {
      return Promise.resolve(result).then((value) => {
        if (!value) return false;
        if (isPlainObject(value)) {
          added = Object.assign(added ?? {}, value);
          if (index + 1 < checks.length) view = viewOf(ctx, view, value);
        }
        return continueChecks(checks, index + 1, event, ctx, added, view);
      });
    }
    if (!result) return false;
    if (isPlainObject(result)) {
      added = Object.assign(added ?? {}, result);
      // Only a later check needs the view: making ctx a prototype is not free, so a last filter skips it.
      if (index + 1 < checks.length) view = viewOf(ctx, view, result);
    }
  }
  return added ?? nothingAdded;
}

/** What later checks see: ctx with the fields added so far (a child of ctx, made at the first addition). */
function viewOf(ctx: object, view: object, fields: Record<string, unknown>): object {
  return Object.assign(view === ctx ? Object.create(ctx) : view, fields);
}
