import { isThenable, type MaybePromise } from "./maybe-promise.js";

/**
 * Calls the next layer of the onion: the next middleware, or at the end the filters and handlers (outer
 * middleware) or the handler (inner middleware). Resolves when everything inside has finished, with what it
 * returned, so code after `await next()` runs after the handler.
 */
export type NextFunction = () => Promise<unknown>;

/**
 * A middleware: `(event, ctx, next)`. Do something, `await next()`, do something after. Not calling `next`
 * stops the event there: see the README's "Middleware" section for what that means for the routers after it.
 * A middleware adds a ctx field by assigning it (`ctx.db = db`); declare the field in the router's type
 * parameter so that handlers see it typed.
 *
 * @example
 * dispatcher.useOuter(async (event, ctx, next) => {
 *   const started = performance.now();
 *   try { return await next(); } finally { ctx.log.info(`${event.method} took ${performance.now() - started} ms`); }
 * });
 */
export type Middleware<E, C> = (event: E, ctx: C, next: NextFunction) => unknown;

/** What a chain settles with when a middleware did not call `next` (the innermost step never ran). */
export const notReached: unique symbol = Symbol("notReached");

/**
 * What a chain runs inside and how it ends, given once per call site (so that an event allocates none of it);
 * `a`, `b`, `c` are the event's own values, passed through.
 */
export interface ChainEnd<A, B, K, C, R, S> {
  /** The innermost step: the handler, or the router's filters and handlers. */
  inner(a: A, b: B, c: K, ctx: C): MaybePromise<R>;
  /** What the chain settles with, from what `inner` returned ({@link notReached} when it never ran). */
  settle(result: R | typeof notReached): S;
  /** What the chain settles with when it threw (a middleware, or `inner` through `next`). */
  fail(error: unknown, a: A, b: B, c: K, ctx: C): S | Promise<S>;
}

/**
 * A middleware chain composed once (per tree version): runs the middleware around `end.inner` and settles when
 * all of it has finished — also when a middleware called `next` without awaiting or returning it, so that "done"
 * always means the handler is done — with `end.settle` of what `inner` returned, or `end.fail` of the error. A
 * middleware calling `next` twice gets the first run's promise again (the handler never runs twice for one
 * event). `inner` may answer synchronously; `next` always returns a promise.
 */
export type ChainRunner<E, C> = <A, B, K, R, S>(
  event: E,
  ctx: C,
  end: ChainEnd<A, B, K, C, R, S>,
  a: A,
  b: B,
  c: K,
) => Promise<S>;

/** Composes `chain` (not empty) into a {@link ChainRunner}; a chain of one, the usual case, takes a shorter path. */
export function composeChain<E, C>(chain: readonly Middleware<E, C>[]): ChainRunner<E, C> {
  const only = chain[0]!;
  if (chain.length === 1) return (event, ctx, end, a, b, c) => runOne(only, event, ctx, end, a, b, c);
  return (event, ctx, end, a, b, c) => runMany(chain, event, ctx, end, a, b, c);
}

const ignore = (): undefined => undefined;

/** One middleware around `inner`: no async frame, and nothing per event but `next`, two closures and promises. */
function runOne<E, C, A, B, K, R, S>(
  middleware: Middleware<E, C>,
  event: E,
  ctx: C,
  end: ChainEnd<A, B, K, C, R, S>,
  a: A,
  b: B,
  c: K,
): Promise<S> {
  let called: Promise<R> | undefined;
  let done = false;
  let result: R | undefined;
  const next: NextFunction = () => {
    if (called !== undefined) return called;
    let value: MaybePromise<R>;
    try {
      value = end.inner(a, b, c, ctx);
    } catch (error) {
      called = Promise.reject(error);
      return called;
    }
    if (isThenable(value)) {
      called = Promise.resolve(value).then((settled) => {
        done = true;
        result = settled;
        return settled;
      });
    } else {
      done = true;
      result = value;
      called = Promise.resolve(value);
    }
    return called;
  };
  const failed = (error: unknown): S | Promise<S> => {
    called?.catch(ignore);
    return end.fail(error, a, b, c, ctx);
  };
  // After the middleware: what inner gave (a next() not awaited is waited for, and its error is the chain's).
  const finish = (): S | Promise<S> => {
    if (called === undefined) return end.settle(notReached);
    if (done) return end.settle(result as R);
    return called.then(
      (value) => end.settle(value),
      (error: unknown) => end.fail(error, a, b, c, ctx),
    );
  };
  let returned: unknown;
  try {
    returned = middleware(event, ctx, next);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
  if (!isThenable(returned)) {
    try {
      return Promise.resolve(finish());
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  }
  return Promise.resolve(returned).then(finish, failed);
}

/** Two middleware or more: every `next` that was called is waited for, in order. */
async function runMany<E, C, A, B, K, R, S>(
  chain: readonly Middleware<E, C>[],
  event: E,
  ctx: C,
  end: ChainEnd<A, B, K, C, R, S>,
  a: A,
  b: B,
  c: K,
): Promise<S> {
  let reached = false;
  let result: R | undefined;
  const pending: Promise<unknown>[] = [];
  const last = chain.length;
  const step = (index: number): Promise<unknown> => {
    if (index === last) {
      reached = true;
      let value: MaybePromise<R>;
      try {
        value = end.inner(a, b, c, ctx);
      } catch (error) {
        return Promise.reject(error);
      }
      return Promise.resolve(value).then((v) => {
        result = v;
        return v;
      });
    }
    let called: Promise<unknown> | undefined;
    const next: NextFunction = () => {
      if (called === undefined) {
        called = step(index + 1);
        pending.push(called);
      }
      return called;
    };
    return Promise.resolve(chain[index]!(event, ctx, next));
  };
  try {
    await step(0);
    // A next() that was called but not awaited still has to finish (and throw, if it throws) before we are done.
    for (let index = 0; index < pending.length; index++) await pending[index];
  } catch (error) {
    for (const promise of pending) promise.catch(ignore);
    return end.fail(error, a, b, c, ctx);
  }
  return end.settle(reached ? (result as R) : notReached);
}
