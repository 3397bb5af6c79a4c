/*
 * The filter contract of the router: what a registration accepts as a filter, how the filters narrow the
 * handler's event and extend its context, and how an observer runs them.
 * Exports: FilterResult, FilterObject, FilterFunction, FilterInput, Narrowed, Added, Handler, Registration,
 * compileFilters, compileChecks.
 */

import type { MaybePromise } from "../maybe-promise.js";
import { type ChecksResult, nothingAdded, runChecks, toChecks } from "./filter-engine.js";
import type { AddsOf, GuardsOf } from "./filter-type-info.js";
import type { TypedFilter } from "./typed-filter.js";

/**
 * What a filter returns: truthy for a match, falsy for none. A plain object is a match whose fields are merged
 * into the handler's ctx.
 */
export type FilterResult = boolean | object | null | undefined;

/**
 * A filter with a `check(event, ctx)` method: FSM states, `Command`, your own classes (Python's callable filter
 * classes).
 *
 * @example
 * class InGroup implements FilterObject<Message> {
 *   constructor(readonly group: string) {}
 *   async check(message: Message) { return (await directory.groupsOf(message.fromUser.id)).includes(this.group); }
 * }
 * router.message(Command("admin"), new InGroup("0032"), (message) => message.answer("Welcome!"));
 */
// biome-ignore lint/suspicious/noExplicitAny: a filter object may be written for any event type and ctx.
export interface FilterObject<E = any> {
  // biome-ignore lint/suspicious/noExplicitAny: the ctx a filter sees is the router's context plus earlier additions.
  check(event: E, ctx: any): FilterResult | Promise<FilterResult>;
}

/**
 * A filter function, sync or async. A type guard (`(m): m is X => …`) narrows the handler's event; a plain object
 * result is merged into ctx.
 *
 * @example
 * const hasCaption: FilterFunction<Message> = (message) => message.text !== undefined;
 */
// biome-ignore lint/suspicious/noExplicitAny: the ctx a filter sees is the router's context plus earlier additions.
export type FilterFunction<E> = (event: E, ctx: any) => FilterResult | Promise<FilterResult>;

/**
 * Anything usable as a filter on events of type E: a {@link FilterFunction}, a {@link FilterObject}, a magic
 * filter or a combination whose attribute paths exist on E, or a `MessageType` value (compared with
 * `event.type`, for events that have one).
 */
export type FilterInput<E> =
  | FilterFunction<E>
  | FilterObject<E>
  | TypedFilter<E>
  | (E extends { readonly type: number } ? number : never);

/** E narrowed by every filter of Fs: `Narrowed<Message, [typeof F.text]>` has `text: string`. */
export type Narrowed<E, Fs extends readonly unknown[]> = E & GuardsOf<Fs>;

/** The ctx fields added by every filter of Fs: `Added<[ReturnType<typeof Command>]>` is `{ command: CommandObject }`. */
export type Added<Fs extends readonly unknown[]> = AddsOf<Fs>;

/** A handler: the (narrowed) event and the context. */
export type Handler<E, C> = (event: E, ctx: C) => unknown;

/**
 * The call signature of an observer: filters first, handler last; the handler sees the event narrowed by the
 * filters and the ctx extended by them.
 *
 * @example
 * declare const message: Registration<Message, Context>;
 * message(F.photo, (m) => m.photo.download());
 */
export type Registration<E, C, R = void> = <const Fs extends readonly FilterInput<E>[]>(
  ...args: [...filters: Fs, handler: Handler<Narrowed<E, Fs>, C & Added<Fs>>]
) => R;

/**
 * Compiles filters into one check, once per registration. The check runs the filters in order and stops at the
 * first that does not match; it resolves to `false`, or to the ctx fields the filters added (`{}` when none
 * did). An error thrown by a filter function or object propagates (the observer reports it and counts no
 * match); an error inside a magic filter is "no match". A value that is no filter is refused here.
 *
 * @example
 * const check = compileFilters<Message>([Command("start"), F.fromUser.id.ne("spammer@server")]);
 * const added = await check(message, ctx); // false, or { command: CommandObject }
 */
export function compileFilters<E>(
  filters: readonly FilterInput<E>[],
): (event: E, ctx: object) => Promise<false | Record<string, unknown>> {
  const check = compileChecks(filters);
  return async (event, ctx) => {
    const added = await check(event, ctx);
    return added === nothingAdded ? {} : added;
  };
}

/**
 * Internal: {@link compileFilters} for the dispatcher, answering synchronously while every filter does (`F`
 * chains, `Command` without an async `magic`, sync functions and objects) and with a promise only from the
 * first filter that returns one, so a handler whose filters are synchronous costs no turn of the event loop.
 * The result of filters that added nothing is a shared frozen object. Errors are thrown, or reject the promise.
 */
export function compileChecks<E>(
  filters: readonly FilterInput<E>[],
): (event: E, ctx: object) => MaybePromise<ChecksResult> {
  const checks = toChecks(filters, "filters");
  return (event, ctx) => runChecks(checks, event, ctx);
}
