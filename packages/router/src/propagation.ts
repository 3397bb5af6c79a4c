import type { Logger } from "@tc/api";
import { ErrorEvent } from "./error-event.js";
import { type ChecksResult, nothingAdded } from "./filters/filter-engine.js";
import { buildIndex, candidatesFor, type HandlerIndex } from "./handler-index.js";
import { isThenable, type MaybePromise } from "./maybe-promise.js";
import { type ChainEnd, type ChainRunner, composeChain, type Middleware, notReached } from "./middleware.js";
import type { HandlerEntry } from "./observer.js";
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
const yes = (): true => true;

function concat(
  a: readonly AnyMiddleware[],
  b: readonly AnyMiddleware[] | undefined,
): readonly AnyMiddleware[] {
  if (b === undefined || b.length === 0) return a;
  return a.length === 0 ? b : [...a, ...b];
}

/**
 * One router of the tree as the events of one observer key see it: its handlers, its full middleware chains
 * and its children. Built once per tree version and key (snapshots never change, so neither does the plan),
 * so that an event only walks arrays and concatenates nothing.
 */
interface RouterPlan {
  readonly scope: Scope;
  readonly handlers: readonly HandlerEntry[];
  /** Finds the handlers worth trying for an event; `undefined`: try them all. */
  readonly index: HandlerIndex | undefined;
  /** The ancestors' inner middleware, the router's `use`, the observer's own: around each matched handler. */
  readonly inner: readonly AnyMiddleware[];
  /** The router's `useOuter`, then the observer's outer middleware: once around the router and its children. */
  readonly outer: readonly AnyMiddleware[];
  /** {@link inner} composed, `undefined` when empty. */
  readonly runInner: ChainRunner<unknown, Ctx> | undefined;
  /** {@link outer} composed, `undefined` when empty. */
  readonly runOuter: ChainRunner<unknown, Ctx> | undefined;
  /** The children that can do anything for this key (a subtree without handlers or middleware is left out). */
  readonly children: readonly RouterPlan[];
}

/** Plans per root snapshot and key. A root snapshot is replaced when anything in the tree changes. */
const plans = new WeakMap<RouterSnapshot, Map<string, RouterPlan>>();

/** The plans of the root snapshot used last: the tree rarely changes, so most events skip the WeakMap. */
let lastRoot: RouterSnapshot | undefined;
let lastPlans: Map<string, RouterPlan> | undefined;

function planFor(root: RouterSnapshot, key: string): RouterPlan {
  let byKey = root === lastRoot ? lastPlans : plans.get(root);
  if (byKey === undefined) {
    byKey = new Map();
    plans.set(root, byKey);
  }
  // Holds the snapshot only until the next event of another tree version replaces it.
  lastRoot = root;
  lastPlans = byKey;
  let plan = byKey.get(key);
  if (plan === undefined) {
    plan = buildPlan(root, undefined, key, none);
    byKey.set(key, plan);
  }
  return plan;
}

function buildPlan(
  router: RouterSnapshot,
  parent: Scope | undefined,
  key: string,
  inherited: readonly AnyMiddleware[],
): RouterPlan {
  const scope: Scope = { router, parent };
  const observer = router.observers.get(key);
  // Router-wide middleware is typed for events; error observers only get their own.
  const forEvents = key !== errorKey;
  const inner = concat(concat(inherited, forEvents ? router.use : none), observer?.inner);
  const outer = concat(forEvents ? router.useOuter : none, observer?.outer);
  const children = router.children
    .map((child) => buildPlan(child, scope, key, inner))
    .filter((child) => child.handlers.length > 0 || child.outer.length > 0 || child.children.length > 0);
  const handlers = observer?.handlers ?? [];
  const index = buildIndex(handlers.map((entry) => entry.guard));
  return {
    scope,
    handlers,
    index,
    inner,
    outer,
    runInner: compose(inner),
    runOuter: compose(outer),
    children,
  };
}

function compose(chain: readonly AnyMiddleware[]): ChainRunner<unknown, Ctx> | undefined {
  return chain.length === 0 ? undefined : composeChain(chain as readonly Middleware<unknown, Ctx>[]);
}

/**
 * Dispatches one event through a snapshot of the tree under the dispatcher and settles, once every handler and
 * middleware it reached has finished, with whether any lane handled it: a plain value when nothing on the way was
 * asynchronous, else a promise.
 *
 * Lanes: the dispatcher's own handlers form one lane and each root router's subtree another. Every lane
 * receives every event; within a lane the first handler whose filters all pass handles it and the lane stops.
 * The dispatcher's outer middleware runs once around all lanes; its inner middleware around every handler.
 */
export function dispatchThroughTree(
  root: RouterSnapshot,
  dispatch: Dispatch,
  ctx: Ctx,
): MaybePromise<boolean> {
  const plan = planFor(root, dispatch.key);
  return plan.outer.length === 0 ? allLanes(plan, dispatch, ctx) : around(plan, dispatch, ctx, allLanes);
}

/**
 * The root: its own handlers (a lane), then every root router (a lane each), all of them. Each lane works on a
 * ctx of its own, so that what one lane's filters and middleware add is not seen by the others: the last lane
 * takes the event's ctx itself (nobody comes after it), the others a copy.
 */
function allLanes(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx): MaybePromise<boolean> {
  if (plan.handlers.length === 0) return otherLanes(plan, dispatch, ctx, 0, false);
  const own = tryHandlers(plan, dispatch, laneContext(plan, ctx, -1));
  return isThenable(own)
    ? own.then((handled) => otherLanes(plan, dispatch, ctx, 0, handled))
    : otherLanes(plan, dispatch, ctx, 0, own);
}

/** The ctx of lane `index` (-1: the root's own handlers). */
function laneContext(plan: RouterPlan, ctx: Ctx, index: number): Ctx {
  return index === plan.children.length - 1 ? ctx : { ...ctx };
}

function otherLanes(
  plan: RouterPlan,
  dispatch: Dispatch,
  ctx: Ctx,
  from: number,
  handled: boolean,
): MaybePromise<boolean> {
  const lanes = plan.children;
  for (let index = from; index < lanes.length; index++) {
    const lane = throughRouter(lanes[index]!, dispatch, laneContext(plan, ctx, index));
    if (isThenable(lane)) {
      // The last lane's answer is the answer, unless an earlier lane handled the event: no step of our own.
      if (index === lanes.length - 1) return handled ? lane.then(yes) : lane;
      return lane.then((laneHandled) => otherLanes(plan, dispatch, ctx, index + 1, handled || laneHandled));
    }
    if (lane) handled = true;
  }
  return handled;
}

/** One router of a lane: its handlers, then (when none handled the event) its children in order, depth first. */
function throughRouter(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx): MaybePromise<boolean> {
  return plan.outer.length === 0 ? routerBody(plan, dispatch, ctx) : around(plan, dispatch, ctx, routerBody);
}

function routerBody(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx): MaybePromise<boolean> {
  const own = tryHandlers(plan, dispatch, ctx);
  if (own === true) return true;
  if (own === false) return firstChild(plan, dispatch, ctx, 0);
  return plan.children.length === 0
    ? own
    : own.then((handled) => handled || firstChild(plan, dispatch, ctx, 0));
}

function firstChild(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx, from: number): MaybePromise<boolean> {
  const children = plan.children;
  for (let index = from; index < children.length; index++) {
    const handled = throughRouter(children[index]!, dispatch, ctx);
    if (handled === true) return true;
    if (handled !== false) {
      // After the last child nothing is left to try: its answer is the answer.
      if (index === children.length - 1) return handled;
      return handled.then((done) => done || firstChild(plan, dispatch, ctx, index + 1));
    }
  }
  return false;
}

/**
 * Runs a router's outer middleware once around `body`. Not calling `next`, or throwing before it, consumes the
 * event in this lane (reported as handled).
 */
function around(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx, body: Body): Promise<boolean> {
  // A copy, so that what this router's middleware puts on ctx stays in this router's subtree. The root's ctx is
  // the event's own: the whole tree is its subtree.
  const own = plan.scope.parent === undefined ? ctx : { ...ctx };
  return plan.runOuter!(dispatch.payload, own, aroundEnd, plan, dispatch, body);
}

type Body = (plan: RouterPlan, dispatch: Dispatch, ctx: Ctx) => MaybePromise<boolean>;

/** How an outer chain ends: a middleware that did not call `next`, or threw, consumed the event (handled). */
const aroundEnd: ChainEnd<RouterPlan, Dispatch, Body, Ctx, boolean, boolean> = {
  inner: (plan, dispatch, body, ctx) => body(plan, dispatch, ctx),
  settle: (result) => result === notReached || result,
  fail: (error, plan, dispatch, _body, ctx) =>
    reportError(errorScopeOf(plan.scope, dispatch), error, dispatch.event, ctx).then(yes),
};

type Handler = (event: unknown, ctx: Ctx) => unknown;

/** How an inner chain ends: the handler ran, or a middleware kept it from running; either way handled. */
const handlerEnd: ChainEnd<RouterPlan, Dispatch, Handler, Ctx, unknown, true> = {
  inner: (_plan, dispatch, handler, ctx) => handler(dispatch.payload, ctx),
  settle: yes,
  fail: (error, plan, dispatch, _handler, ctx) => handlerFailed(plan, dispatch, ctx, error),
};

/** Tries the router's handlers in order (those its index finds, when it has one). */
function tryHandlers(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx): MaybePromise<boolean> {
  if (plan.handlers.length === 0) return false;
  const order = plan.index === undefined ? undefined : candidatesFor(plan.index, dispatch.payload);
  return runHandlers(plan, order, dispatch, ctx, 0);
}

/**
 * Tries the handlers at `order` (all of them when `undefined`) from step `from`; the first whose filters all
 * pass runs (inside the inner chain). Synchronous as long as the filters tried are.
 */
function runHandlers(
  plan: RouterPlan,
  order: readonly number[] | undefined,
  dispatch: Dispatch,
  ctx: Ctx,
  from: number,
): MaybePromise<boolean> {
  const handlers = plan.handlers;
  const steps = order === undefined ? handlers.length : order.length;
  for (let step = from; step < steps; step++) {
    const entry = handlers[order === undefined ? step : order[step]!]!;
    if (entry.check === undefined) return runMatched(plan, entry, nothingAdded, dispatch, ctx);
    let added: MaybePromise<ChecksResult>;
    try {
      added = entry.check(dispatch.payload, ctx);
    } catch (error) {
      return filterFailed(plan, order, dispatch, ctx, step, error);
    }
    if (added === false) continue;
    if (isThenable(added)) {
      return added.then(
        (fields) =>
          fields === false
            ? runHandlers(plan, order, dispatch, ctx, step + 1)
            : runMatched(plan, entry, fields, dispatch, ctx),
        (error: unknown) => filterFailed(plan, order, dispatch, ctx, step, error),
      );
    }
    return runMatched(plan, entry, added, dispatch, ctx);
  }
  return false;
}

/** A throwing filter is a non-match for its handler: the error is reported, then the next handler tried. */
function filterFailed(
  plan: RouterPlan,
  order: readonly number[] | undefined,
  dispatch: Dispatch,
  ctx: Ctx,
  step: number,
  error: unknown,
): Promise<boolean> {
  return reportError(errorScopeOf(plan.scope, dispatch), error, dispatch.event, ctx).then(() =>
    runHandlers(plan, order, dispatch, ctx, step + 1),
  );
}

/** Runs a matched handler inside the inner chain; its errors are reported. Settles with `true`. */
function runMatched(
  plan: RouterPlan,
  entry: HandlerEntry,
  added: ChecksResult,
  dispatch: Dispatch,
  ctx: Ctx,
): MaybePromise<true> {
  // The lane's ctx itself: a matched handler ends the lane, so what its filters add is seen by its inner
  // middleware, the handler, and the lane's outer middleware after their `next()` — by nothing else.
  if (added !== nothingAdded) Object.assign(ctx, added);
  const event = dispatch.payload;
  const handler = entry.handler as Handler;
  if (plan.runInner !== undefined) return plan.runInner(event, ctx, handlerEnd, plan, dispatch, handler);
  let result: unknown;
  try {
    result = handler(event, ctx);
  } catch (error) {
    return handlerFailed(plan, dispatch, ctx, error);
  }
  return isThenable(result)
    ? Promise.resolve(result).then(yes, (error: unknown) => handlerFailed(plan, dispatch, ctx, error))
    : true;
}

/** A handler's (or its inner middleware's) error is reported; the event still counts as handled. */
function handlerFailed(plan: RouterPlan, dispatch: Dispatch, ctx: Ctx, error: unknown): Promise<true> {
  return reportError(errorScopeOf(plan.scope, dispatch), error, dispatch.event, ctx).then(yes);
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
  eventCtx: Ctx,
): Promise<void> {
  // Error handlers get a ctx of their own: what their filters add must not reach the handlers tried after them.
  const ctx: Ctx = { ...eventCtx };
  for (let current = scope; current !== undefined; current = current.parent) {
    const observer = current.router.observers.get(errorKey);
    if (observer === undefined || observer.handlers.length === 0) continue;
    const dispatch: Dispatch = { event, key: errorKey, payload: new ErrorEvent(error, event) };
    // The error observers of one router: their own middleware only, none inherited.
    const plan: RouterPlan = {
      scope: current,
      handlers: observer.handlers,
      index: undefined,
      inner: observer.inner,
      outer: observer.outer,
      runInner: compose(observer.inner),
      runOuter: compose(observer.outer),
      children: [],
    };
    const handled =
      plan.outer.length === 0 ? tryHandlers(plan, dispatch, ctx) : around(plan, dispatch, ctx, tryHandlers);
    if (await handled) return;
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
