import { ErrorEvent } from "./error-event.js";
import type { Logger } from "./logger.js";
import { type Middleware, runChain } from "./middleware.js";
import type { ObserverState } from "./observer.js";
import { errorKey } from "./observer-methods.js";
import type { RouterSnapshot } from "./router-snapshot.js";

type AnyMiddleware = Middleware<unknown, never>;
type Ctx = Record<string, unknown> & { readonly log: Logger };

/** Where in the router tree an event is: the router, and the way back up (for error observers). */
interface Scope {
  readonly router: RouterSnapshot;
  readonly parent: Scope | undefined;
}

/** The event being dispatched: what it is, and which observer key it goes to. */
interface Dispatch {
  readonly event: { readonly method: string; readonly updateId?: number | undefined };
  /** The event's method, or the error key for an ErrorEvent of a broken push. */
  readonly key: string;
  /** What is handed to handlers: the event itself, or its ErrorEvent. */
  readonly payload: unknown;
}

const none: readonly AnyMiddleware[] = [];

function concat(
  a: readonly AnyMiddleware[],
  b: readonly AnyMiddleware[] | undefined,
): readonly AnyMiddleware[] {
  if (b === undefined || b.length === 0) return a;
  return a.length === 0 ? b : [...a, ...b];
}

/**
 * Dispatches one event through a snapshot of the tree under the dispatcher and resolves, once every handler and
 * middleware it reached has finished, with whether any lane handled it.
 *
 * Lanes: the dispatcher's own handlers form one lane and each root router's subtree another. Every lane
 * receives every event; within a lane the first handler whose filters all pass handles it and the lane stops.
 * The dispatcher's outer middleware runs once around all lanes; its inner middleware around every handler.
 */
export async function dispatchThroughTree(
  root: RouterSnapshot,
  dispatch: Dispatch,
  ctx: Ctx,
): Promise<boolean> {
  const scope: Scope = { router: root, parent: undefined };
  const observer = root.observers.get(dispatch.key);
  const inner = innerFor(root, observer, none, dispatch.key);
  return around(scope, observer, dispatch, ctx, async (laneCtx) => {
    let handled = await runHandlers(scope, observer, inner, dispatch, laneCtx);
    for (const child of root.children) {
      if (await throughRouter({ router: child, parent: scope }, dispatch, laneCtx, inner)) handled = true;
    }
    return handled;
  });
}

/** One router of a lane: its handlers, then (when none handled the event) its children in order, depth first. */
async function throughRouter(
  scope: Scope,
  dispatch: Dispatch,
  ctx: Ctx,
  inherited: readonly AnyMiddleware[],
): Promise<boolean> {
  const router = scope.router;
  const observer = router.observers.get(dispatch.key);
  const inner = innerFor(router, observer, inherited, dispatch.key);
  return around(scope, observer, dispatch, ctx, async (routerCtx) => {
    if (await runHandlers(scope, observer, inner, dispatch, routerCtx)) return true;
    for (const child of router.children) {
      if (await throughRouter({ router: child, parent: scope }, dispatch, routerCtx, inner)) return true;
    }
    return false;
  });
}

/** The inner middleware of a router's observer: the ancestors', the router's `use`, the observer's own. */
function innerFor(
  router: RouterSnapshot,
  observer: ObserverState | undefined,
  inherited: readonly AnyMiddleware[],
  key: string,
): readonly AnyMiddleware[] {
  // Router-wide middleware is typed for events; error observers only get their own.
  const routerWide = key === errorKey ? none : router.use;
  return concat(concat(inherited, routerWide), observer?.inner);
}

/**
 * Runs a router's outer middleware (router-wide, then the observer's) once around `body`. Not calling `next`,
 * or throwing before it, consumes the event in this lane (reported as handled).
 */
async function around(
  scope: Scope,
  observer: ObserverState | undefined,
  dispatch: Dispatch,
  ctx: Ctx,
  body: (ctx: Ctx) => Promise<boolean>,
): Promise<boolean> {
  const outer = concat(dispatch.key === errorKey ? none : scope.router.useOuter, observer?.outer);
  if (outer.length === 0) return body(ctx);
  // A copy, so that what this router's middleware puts on ctx stays in this router's subtree.
  const own: Ctx = { ...ctx };
  try {
    const outcome = await runChain(outer as readonly Middleware<unknown, Ctx>[], dispatch.payload, own, () =>
      body(own),
    );
    return outcome.reached ? outcome.result === true : true;
  } catch (error) {
    await reportError(errorScopeOf(scope, dispatch), error, dispatch.event, own);
    return true;
  }
}

/** Tries the observer's handlers in order; the first whose filters all pass runs (inside the inner chain). */
async function runHandlers(
  scope: Scope,
  observer: ObserverState | undefined,
  inner: readonly AnyMiddleware[],
  dispatch: Dispatch,
  ctx: Ctx,
): Promise<boolean> {
  if (observer === undefined) return false;
  const event = dispatch.payload;
  for (const entry of observer.handlers) {
    let added: false | Record<string, unknown> = {};
    if (entry.check !== undefined) {
      try {
        added = await entry.check(event, ctx);
      } catch (error) {
        // A throwing filter is a non-match for its handler; the error is reported, the next handler tried.
        await reportError(errorScopeOf(scope, dispatch), error, dispatch.event, ctx);
        continue;
      }
      if (added === false) continue;
    }
    const handlerCtx: Ctx = { ...ctx, ...added };
    try {
      await runChain(inner as readonly Middleware<unknown, Ctx>[], event, handlerCtx, async () =>
        (entry.handler as (event: unknown, ctx: Ctx) => unknown)(event, handlerCtx),
      );
    } catch (error) {
      await reportError(errorScopeOf(scope, dispatch), error, dispatch.event, handlerCtx);
    }
    return true;
  }
  return false;
}

/** An error raised by an error handler goes to the parent's error observers; any other to the router's own. */
function errorScopeOf(scope: Scope, dispatch: Dispatch): Scope | undefined {
  return dispatch.key === errorKey ? scope.parent : scope;
}

/**
 * Hands an error to the error observers of `scope`'s router, then of each ancestor, until one handles it; an
 * error nobody handles goes to the logger with the event's method and update id. Never throws.
 */
export async function reportError(
  scope: Scope | undefined,
  error: unknown,
  event: Dispatch["event"],
  ctx: Ctx,
): Promise<void> {
  for (let current = scope; current !== undefined; current = current.parent) {
    const observer = current.router.observers.get(errorKey);
    if (observer === undefined || observer.handlers.length === 0) continue;
    const dispatch: Dispatch = { event, key: errorKey, payload: new ErrorEvent(error, event) };
    const level: Scope = current;
    if (
      await around(level, observer, dispatch, ctx, (c) =>
        runHandlers(level, observer, observer.inner, dispatch, c),
      )
    )
      return;
  }
  logUnhandled(ctx.log, error, event);
}

/** The log line of an error no error observer took. */
export function logUnhandled(log: Logger, error: unknown, event: Dispatch["event"]): void {
  try {
    log.error(`Unhandled error while handling ${event.method} (update ${event.updateId ?? "none"})`, error);
  } catch {
    // The logger is the last channel there is; a failing one must not turn into a lost event.
  }
}

export type { Ctx as PropagationContext, Dispatch as PropagationDispatch };
