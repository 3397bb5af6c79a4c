/*
 * The type-level channel between a filter and the registration that uses it. A filter built by this package (the
 * magic filter `F`, `and`/`or`/`not`, `Command`) declares what it needs from the event, what it proves about it and
 * what it adds to the context under one symbol; nothing is stored there at run time. The symbol that runs such a
 * filter is internal.
 */

/**
 * The key of a filter's type information ({@link FilterTypes}). Only its type matters: the property is never
 * read at run time. Declare it on your own filter class to take part in narrowing.
 *
 * @example
 * class IsAdmin {
 *   declare readonly [filterTypes]: FilterTypes<never, unknown, { admin: AdminRecord }>;
 *   async check(message: Message) { const admin = await db.admin(message.fromUser.id); return admin ? { admin } : false; }
 * }
 */
export const filterTypes: unique symbol = Symbol("filterTypes");

/**
 * What a filter tells the type checker.
 * - `Accepts`: one `(event: Shape) => void` per attribute path the filter reads; a registration accepts the filter
 *   only when its event type fits every shape (so `F.nosuchfield` is an error on `router.message`).
 * - `Narrows`: what the event is known to be when the filter matched (`{ text: {} }` for `F.text`).
 * - `Adds`: the context fields a match adds (`{ command: CommandObject }` for `Command`).
 */
export interface FilterTypes<Accepts, Narrows, Adds> {
  readonly accepts: readonly Accepts[];
  readonly narrows: Narrows;
  readonly adds: Adds;
}

/** A filter that carries {@link FilterTypes} and is usable on events of type E. */
export interface TypedFilter<E> {
  readonly [filterTypes]: { readonly accepts: readonly ((event: E) => void)[] };
}

/** Runs a filter of this package: resolves to `false`/`undefined`/`null` for no match, else `true` or ctx additions. */
export const runFilter: unique symbol = Symbol("runFilter");

/** A filter of this package at run time. */
export interface RunnableFilter {
  [runFilter](event: unknown, ctx: object): unknown;
}

/** Whether `value` is a filter of this package (magic filter, combination). */
export function isRunnableFilter(value: unknown): value is RunnableFilter {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as Partial<RunnableFilter>)[runFilter] === "function"
  );
}
