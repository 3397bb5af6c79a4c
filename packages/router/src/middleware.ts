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

/** What running a middleware chain tells its caller. */
export interface ChainOutcome<R> {
  /** Whether the innermost step ran (every middleware called `next`). */
  readonly reached: boolean;
  /** What the innermost step returned (`undefined` when it was not reached). */
  readonly result: R | undefined;
}

/**
 * Runs `chain` around `inner` and resolves when all of it has finished: also when a middleware called `next`
 * without awaiting or returning it, so that "done" always means the handler is done. A middleware calling
 * `next` twice gets the first run's promise again (the handler never runs twice for one event). `inner` may
 * answer synchronously; `next` always returns a promise.
 */
export async function runChain<E, C, R>(
  chain: readonly Middleware<E, C>[],
  event: E,
  ctx: C,
  inner: () => MaybePromise<R>,
): Promise<ChainOutcome<R>> {
  if (chain.length === 0) return { reached: true, result: await inner() };
  let reached = false;
  let settled = false;
  let result: R | undefined;
  let pending: Promise<unknown>[] | undefined;
  const last = chain.length;
  const step = (index: number): Promise<unknown> => {
    if (index === last) {
      reached = true;
      let value: MaybePromise<R>;
      try {
        value = inner();
      } catch (error) {
        return Promise.reject(error);
      }
      if (!isThenable(value)) {
        result = value;
        settled = true;
        return Promise.resolve(value);
      }
      return Promise.resolve(value).then((v) => {
        result = v;
        settled = true;
        return v;
      });
    }
    let called: Promise<unknown> | undefined;
    const next: NextFunction = () => {
      if (called === undefined) {
        called = step(index + 1);
        (pending ??= []).push(called);
      }
      return called;
    };
    return Promise.resolve(chain[index]!(event, ctx, next));
  };
  try {
    await step(0);
    // A next() that was called but not awaited still has to finish (and throw, if it throws) before we are done.
    // With one middleware the only such next() is the innermost step, whose end `settled` records.
    if (pending !== undefined && !(last === 1 && settled)) {
      for (let index = 0; index < pending.length; index++) await pending[index];
    }
  } catch (error) {
    for (const promise of pending ?? []) promise.catch(() => undefined);
    throw error;
  }
  return { reached, result };
}
