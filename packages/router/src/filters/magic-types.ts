/*
 * The types of the magic filter `F`. A chain remembers three things at the type level: the value it resolves to
 * (so `.eq()` takes a value of the right type), the attribute path it reads (so a registration can refuse a path
 * its event does not have) and what a match proves (so the handler sees `message.text` as a `string`).
 */
import type { IncomingEvent, Update } from "@tc/api";
import type { AllOf, AnyOf, CombinableFilter } from "./combinators.js";
import type { CommandObject } from "./command-object.js";
import type { FilterTypes, filterTypes } from "./typed-filter.js";

/** An attribute path read by a chain: `["fromUser", "id"]` for `F.fromUser.id`. */
export type MagicPath = readonly PropertyKey[];

/**
 * The object shape whose property at path P has type L: `{ document: { mimeType: "text/plain" } }`. Intersected
 * with the event, it narrows: `Message & { text: {} }` has `text: string`.
 */
export type PathShape<P extends MagicPath, L> = P extends readonly [
  infer K extends PropertyKey,
  ...infer R extends MagicPath,
]
  ? { [k in K]: PathShape<R, L> }
  : L;

/*
 * What an event needs for a chain to read path P. Each level is an object with ONE optional property, so the
 * compiler's "no properties in common" check refuses an event without that property while optional fields of the
 * event still fit.
 */
type PathAccepts<P extends MagicPath> = P extends readonly [
  infer K extends PropertyKey,
  ...infer R extends MagicPath,
]
  ? { readonly [k in K]?: PathAccepts<R> | null }
  : unknown;

/** The path P without its last attribute. */
type Parent<P extends MagicPath> = P extends readonly [...infer I extends MagicPath, unknown] ? I : P;

/**
 * How a chain was reached: `attribute` (a plain attribute chain: a comparison narrows the attribute itself),
 * `value` (after `.lower()`, `.upper()`, `.len()`: a match proves only that the attribute exists) or `result` (a
 * comparison's boolean: further operations narrow nothing).
 */
export type MagicMode = "attribute" | "value" | "result";

/** What an operation proves: the attribute has type L (attribute chains), or just exists (derived values). */
type Proves<M extends MagicMode, P extends MagicPath, L> = M extends "attribute"
  ? PathShape<P, L>
  : M extends "value"
    ? PathShape<P, {}>
    : unknown;

/** What a negative operation (`ne`, `notIn`, `func`) proves: only that the attribute could be read. */
type ProvesParent<M extends MagicMode, P extends MagicPath> = M extends "attribute"
  ? PathShape<Parent<P>, {}>
  : M extends "value"
    ? PathShape<P, {}>
    : unknown;

/** A comparison's result chain. */
export type MagicResult<P extends MagicPath, N, A = unknown> = MagicFilter<boolean, P, "result", N, A>;

/** The element type of a string or a collection (for `.contains()`). */
type ElementOf<V> = V extends string
  ? string
  : V extends ReadonlySet<infer T> | ReadonlyMap<infer T, unknown> | readonly (infer T)[]
    ? T
    : unknown;

/** The names that are operations, not attributes (use `.attr(name)` for an attribute of that name). */
export type MagicOperationName =
  | "eq"
  | "ne"
  | "gt"
  | "ge"
  | "lt"
  | "le"
  | "in"
  | "notIn"
  | "contains"
  | "startsWith"
  | "endsWith"
  | "regexp"
  | "func"
  | "isNull"
  | "isNotNull"
  | "is"
  | "isNot"
  | "lower"
  | "upper"
  | "len"
  | "not"
  | "and"
  | "or"
  | "attr"
  | "resolve"
  | "then";

/**
 * A magic filter: a lazily evaluated check of a value reached from the event. As a filter it matches when its
 * value is truthy (`F.text` matches messages with a non-empty text). Every operation returns a new filter; none is
 * evaluated before an event arrives.
 *
 * Type parameters: V the value, P the attribute path, M how it was reached, N what a match proves, A the context
 * fields a match adds.
 *
 * @example
 * router.message(F.text.lower().startsWith("hello"), (message) => message.answer("Hi!"));
 */
export interface MagicFilter<
  V = unknown,
  P extends MagicPath = MagicPath,
  M extends MagicMode = MagicMode,
  N = unknown,
  A = unknown,
> {
  readonly [filterTypes]: FilterTypes<(event: PathAccepts<P>) => void, N, A>;
  /** Equal (`===`) to `value`. `F.text.eq("ping")` narrows `text` to `"ping"`. */
  eq<const T extends V>(value: T): MagicResult<P, Proves<M, P, T>>;
  /** Not equal (`!==`) to `value`. */
  ne(value: V): MagicResult<P, ProvesParent<M, P>>;
  /** Greater than `value` (same-type numbers, strings or bigints; anything else is no match). */
  gt(value: V & (number | string | bigint)): MagicResult<P, Proves<M, P, {}>>;
  /** Greater than or equal to `value`. */
  ge(value: V & (number | string | bigint)): MagicResult<P, Proves<M, P, {}>>;
  /** Less than `value`. */
  lt(value: V & (number | string | bigint)): MagicResult<P, Proves<M, P, {}>>;
  /** Less than or equal to `value`. */
  le(value: V & (number | string | bigint)): MagicResult<P, Proves<M, P, {}>>;
  /** One of `values` (an array or a Set, read once). Python's `.in_()`. */
  in<const T extends V>(values: Iterable<T>): MagicResult<P, Proves<M, P, T>>;
  /** None of `values`. */
  notIn(values: Iterable<V>): MagicResult<P, ProvesParent<M, P>>;
  /** A string containing `value`, or an array/Set/Map holding it. Python's `value in x`. */
  contains(value: ElementOf<NonNullable<V>>): MagicResult<P, Proves<M, P, {}>>;
  /** A string starting with `prefix`. */
  startsWith(prefix: string): MagicResult<P, Proves<M, P, string>>;
  /** A string ending with `suffix`. */
  endsWith(suffix: string): MagicResult<P, Proves<M, P, string>>;
  /**
   * A string matching `pattern` (JavaScript semantics: anchor with `^` for Python's `re.match`). The match array
   * lands in `ctx.match` when this is the last operation of a filter given to a registration.
   */
  regexp(pattern: RegExp | string): MagicResult<P, Proves<M, P, string>, { match: RegExpExecArray }>;
  /** `fn(value)` is truthy. A type guard narrows the attribute. */
  func<T extends V>(fn: (value: V) => value is T): MagicResult<P, Proves<M, P, T>>;
  func(fn: (value: V) => unknown): MagicResult<P, ProvesParent<M, P>>;
  /** `null` or `undefined` (both mean Python's `None`). */
  isNull(): MagicResult<P, Proves<M, P, null | undefined>>;
  /** Neither `null` nor `undefined`. */
  isNotNull(): MagicResult<P, Proves<M, P, {}>>;
  /** Identical to `value`; `is(null)` and `is(undefined)` are {@link MagicFilter.isNull}. Python's `.is_()`. */
  is<const T extends V | null | undefined>(
    value: T,
  ): MagicResult<P, Proves<M, P, T extends null | undefined ? null | undefined : T>>;
  /** Not identical to `value`; `isNot(null)` is {@link MagicFilter.isNotNull}. Python's `.is_not()`. */
  isNot<const T extends V | null | undefined>(
    value: T,
  ): MagicResult<P, T extends null | undefined ? Proves<M, P, {}> : ProvesParent<M, P>>;
  /** The string in lower case. */
  lower(): MagicFilter<string, P, "value", PathShape<P, {}>>;
  /** The string in upper case. */
  upper(): MagicFilter<string, P, "value", PathShape<P, {}>>;
  /** The length: code points of a string (as Python counts), size of an array, Set or Map. */
  len(): MagicFilter<number, P, "value", PathShape<P, {}>>;
  /** The opposite: matches when this does not. Python's `~`. */
  not(): MagicResult<P, unknown>;
  /** Matches when this and every one of `filters` match. Python's `&`. */
  and<const Fs extends readonly CombinableFilter[]>(
    ...filters: Fs
  ): AllOf<[MagicFilter<V, P, M, N, A>, ...Fs]>;
  /** Matches when this or any of `filters` matches. Python's `|`. */
  or<const Fs extends readonly CombinableFilter[]>(
    ...filters: Fs
  ): AnyOf<[MagicFilter<V, P, M, N, A>, ...Fs]>;
  /** The value this chain reaches on `root` (what the router tests for truthiness); throws what the chain throws. */
  resolve(root: unknown): unknown;
  /** Refuses `await F.x`: a filter is not a promise. */
  readonly then?: undefined;
}

/*
 * Attribute chains of the value V: every non-method property that is not an operation name. The keys go through
 * Exclude so that the mapped type is not homomorphic: a homomorphic one over `string` would be `string` itself.
 */
type MagicAttributes<V, P extends MagicPath> = {
  readonly [K in Exclude<keyof V, MagicOperationName | symbol> as V[K] extends (...args: never) => unknown
    ? never
    : K]-?: MagicAttribute<V[K], readonly [...P, K]>;
};

/**
 * An attribute chain (`F.fromUser.id`): a {@link MagicFilter} that also has the attributes of its value.
 *
 * @example
 * router.message(F.document.mimeType.eq("application/pdf"), (message) => message.document.download());
 */
export type MagicAttribute<V, P extends MagicPath> = MagicFilter<V, P, "attribute", PathShape<P, {}>> &
  MagicAttributes<NonNullable<V>, P> & {
    /** The attribute `name`, for names taken by operations (`F.attr("not")`). */
    attr<K extends keyof NonNullable<V>>(name: K): MagicAttribute<NonNullable<V>[K], readonly [...P, K]>;
  };

/** Property K of the union U, from every member that has it. */
type MergedProperty<U, K extends PropertyKey> = U extends unknown
  ? K extends keyof U
    ? U[K]
    : never
  : never;

/** One object type with the properties of every member of U. */
type Merged<U> = { [K in U extends unknown ? keyof U : never]: MergedProperty<U, K> };

/**
 * The value `F` starts from: any event (or an `Update`) and the `CommandObject` that `Command`'s `magic` sees.
 * A registration then checks the chain against its own event type.
 */
export type MagicRoot = Merged<IncomingEvent | Update | CommandObject>;
