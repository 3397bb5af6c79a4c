/*
 * Reading a filter's static effect from its type: what it proves about the event (narrowing), what it adds to
 * the context, and which event shapes it needs. Shared by the registration types and the combinators.
 */
import type { filterTypes } from "./typed-filter.js";

/** The part of a filter result that is merged into ctx (`unknown` when there is none). */
type ObjectPart<R> = [Exclude<R, boolean | null | undefined>] extends [never]
  ? unknown
  : Exclude<R, boolean | null | undefined>;

/** What filter F proves about the event when it matches (`unknown`: nothing). */
export type GuardOf<F> = F extends { readonly [filterTypes]: { readonly narrows: infer N } }
  ? N
  : // biome-ignore lint/suspicious/noExplicitAny: matches a type guard on any event type.
    F extends (event: any, ...rest: never[]) => event is infer X
    ? X
    : // biome-ignore lint/suspicious/noExplicitAny: matches a type guard on any event type.
      F extends { check(event: any, ...rest: never[]): event is infer X }
      ? X
      : F extends number
        ? { type: F }
        : unknown;

/** The context fields filter F adds when it matches (`unknown`: none). */
export type AddedOf<F> = F extends { readonly [filterTypes]: { readonly adds: infer A } }
  ? A
  : F extends (...args: never[]) => infer R
    ? ObjectPart<Awaited<R>>
    : F extends { check(...args: never[]): infer R }
      ? ObjectPart<Awaited<R>>
      : unknown;

/** The event shapes filter F needs (`never`: none). */
export type AcceptsOf<F> = F extends { readonly [filterTypes]: { readonly accepts: readonly (infer A)[] } }
  ? A
  : never;

/** The intersection of the element types of a tuple (`unknown` for an empty one). */
export type IntersectionOf<T extends readonly unknown[]> = {
  [I in keyof T]: (value: T[I]) => void;
}[number] extends (value: infer R) => void
  ? R
  : unknown;

/** What every filter of Fs proves together. */
export type GuardsOf<Fs extends readonly unknown[]> = IntersectionOf<{ [I in keyof Fs]: GuardOf<Fs[I]> }>;

/** The context fields every filter of Fs adds together. */
export type AddsOf<Fs extends readonly unknown[]> = IntersectionOf<{ [I in keyof Fs]: AddedOf<Fs[I]> }>;
