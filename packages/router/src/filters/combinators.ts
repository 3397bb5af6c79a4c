/*
 * `and`, `or`, `not`: combine any filters (magic filters, functions, objects, MessageType values, other
 * combinations) into one. Python writes them `&`, `|`, `~`; TypeScript has no operator overloading.
 */
import { InvalidArgumentError } from "@tc/api";
import { isThenable, type MaybePromise } from "../maybe-promise.js";
import type { FilterInput } from "./filter.js";
import { type Check, type ChecksResult, runChecks, toCheck, toChecks } from "./filter-engine.js";
import type { AcceptsOf, AddedOf, AddsOf, GuardOf, GuardsOf } from "./filter-type-info.js";
import { type FilterTypes, filterTypes, type RunnableFilter, runFilter } from "./typed-filter.js";

/** Any filter a combinator takes (the event type is checked when the combination is registered). */
// biome-ignore lint/suspicious/noExplicitAny: combinations are built before the event type is known.
export type CombinableFilter = FilterInput<any>;

/**
 * A filter made of other filters by {@link and}, {@link or} or {@link not}. It carries the attribute paths of its
 * parts, so a registration still refuses a part that reads a field the event lacks.
 */
export class CombinedFilter<Accepts = never, Narrows = unknown, Adds = unknown> implements RunnableFilter {
  declare readonly [filterTypes]: FilterTypes<Accepts, Narrows, Adds>;
  readonly #run: (event: unknown, ctx: object) => unknown;

  /** @internal Use {@link and}, {@link or}, {@link not}. */
  constructor(run: (event: unknown, ctx: object) => unknown) {
    this.#run = run;
  }

  /** @internal Runs the combination (the router calls it). */
  [runFilter](event: unknown, ctx: object): unknown {
    return this.#run(event, ctx);
  }
}

/** The combination of {@link and}: proves and adds what every part does. */
export type AllOf<Fs extends readonly unknown[]> = CombinedFilter<
  AcceptsOf<Fs[number]>,
  GuardsOf<Fs>,
  AddsOf<Fs>
>;

/** The combination of {@link or}: proves what one of the parts does, adds what the matching part added. */
export type AnyOf<Fs extends readonly unknown[]> = CombinedFilter<
  AcceptsOf<Fs[number]>,
  GuardOf<Fs[number]>,
  AddedOf<Fs[number]>
>;

/** The combination of {@link not}: proves and adds nothing. */
export type NoneOf<F> = CombinedFilter<AcceptsOf<F>, unknown, unknown>;

function requireSome(name: string, filters: readonly unknown[]): void {
  if (filters.length === 0) throw new InvalidArgumentError(`${name}() needs at least one filter`);
}

/**
 * Matches when every filter matches, checked in order (later ones are not run after a miss); the ctx fields of
 * all of them are merged. Python's `&`.
 *
 * @example
 * router.message(and(F.fromUser.id.in(admins), F.text.startsWith("!")), (message) => runAdminCommand(message));
 */
export function and<const Fs extends readonly CombinableFilter[]>(...filters: Fs): AllOf<Fs> {
  requireSome("and", filters);
  const checks = toChecks(filters, "and()");
  return new CombinedFilter((event, ctx) => runChecks(checks, event, ctx));
}

/**
 * Matches when any filter matches, tried in order until one does; the ctx fields are those of the matching one.
 * Python's `|`.
 *
 * @example
 * router.message(or(F.photo, F.document), (message) => archive(message));
 */
export function or<const Fs extends readonly CombinableFilter[]>(...filters: Fs): AnyOf<Fs> {
  requireSome("or", filters);
  const checks: Check[][] = filters.map((filter, index) => [toCheck(filter, `or(), filter ${index + 1}`)]);
  return new CombinedFilter((event, ctx) => firstMatch(checks, 0, event, ctx));
}

/** The additions of the first of `alternatives` (from `from` on) that matches; synchronous while they are. */
function firstMatch(
  alternatives: readonly Check[][],
  from: number,
  event: unknown,
  ctx: object,
): MaybePromise<ChecksResult> {
  for (let index = from; index < alternatives.length; index++) {
    const added = runChecks(alternatives[index]!, event, ctx);
    if (isThenable(added)) {
      return added.then((value) =>
        value !== false ? value : firstMatch(alternatives, index + 1, event, ctx),
      );
    }
    if (added !== false) return added;
  }
  return false;
}

/**
 * Matches when the filter does not. Python's `~`. A magic filter can also say `F.text.startsWith("spam").not()`.
 *
 * @example
 * router.message(not(Command("start")), (message) => message.answer("Say /start first"));
 */
export function not<const F extends CombinableFilter>(filter: F): NoneOf<F> {
  const check = [toCheck(filter, "not()")];
  return new CombinedFilter((event, ctx) => {
    const added = runChecks(check, event, ctx);
    return isThenable(added) ? added.then((value) => value === false) : added === false;
  });
}
