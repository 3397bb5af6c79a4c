import type { IncomingEvent, Update } from "@tc/api";
import { InvalidArgumentError } from "@tc/api";

/**
 * What `router.error(...)` handlers receive: the error, and the event whose handling raised it.
 *
 * @example
 * router.error(ExceptionTypeFilter(ApiErrorException), async ({ error, event }, ctx) => {
 *   ctx.log.warn(`${event.method}: server said ${error.code}`);
 * });
 */
export class ErrorEvent<E = unknown, Ev = IncomingEvent | Update> {
  /** What was thrown (by a handler, a filter or a middleware), or an `UpdateValidationError`. */
  readonly error: E;
  /** The event being handled. */
  readonly event: Ev;

  constructor(error: E, event: Ev) {
    this.error = error;
    this.event = event;
  }
}

/** A class whose instances can be thrown (an `Error` subclass, usually). */
export type ErrorClass<I = unknown> = abstract new (...args: never[]) => I;

/** Whether `value` is a class deriving from `Error` (or `Error` itself): then it is a filter by error class. */
export function isErrorClass(value: unknown): value is ErrorClass<Error> {
  return typeof value === "function" && (value === Error || value.prototype instanceof Error);
}

/**
 * A filter for `router.error(...)`: matches when the error is an instance of one of `classes`, and narrows
 * `error` to it. A bare class given to `router.error` is the same filter.
 *
 * @example
 * router.error(ExceptionTypeFilter(TextMessageTooLongError, FileSizeTooLargeError), ({ error }) => …);
 * router.error(TextMessageTooLongError, ({ error }) => …); // the same, shorter
 */
export function ExceptionTypeFilter<const Cs extends readonly ErrorClass[]>(
  ...classes: Cs
): ExceptionTypeFilter<InstanceOf<Cs[number]>> {
  for (const candidate of classes) {
    if (typeof candidate !== "function") {
      throw new InvalidArgumentError(`ExceptionTypeFilter takes error classes, got a ${typeof candidate}`);
    }
  }
  return {
    classes,
    check: (event): event is ErrorEvent<InstanceOf<Cs[number]>> =>
      classes.some((candidate) => event.error instanceof candidate),
  };
}

/** The filter object {@link ExceptionTypeFilter} makes (an object filter, so it narrows inline too). */
export interface ExceptionTypeFilter<I> {
  /** The classes it matches. */
  readonly classes: readonly ErrorClass[];
  check(event: ErrorEvent): event is ErrorEvent<I>;
}

/** The instance type of an {@link ErrorClass}. */
export type InstanceOf<C> = C extends abstract new (...args: never[]) => infer I ? I : never;
