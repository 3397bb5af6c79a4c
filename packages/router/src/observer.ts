import { InvalidArgumentError } from "@tc/api";
import { compileChecks } from "./filters/filter.js";
import type { ChecksResult } from "./filters/filter-engine.js";
import { type FilterGuard, filterGuard } from "./filters/filter-guard.js";
import type { FilterInput, Registration } from "./filters/index.js";
import type { MaybePromise } from "./maybe-promise.js";
import type { Middleware } from "./middleware.js";

/** A registered handler with its filters compiled once. */
export interface HandlerEntry {
  /**
   * `undefined` when the handler has no filters (it always matches). Answers synchronously while its filters do
   * (see `compileChecks`).
   */
  readonly check: ((event: unknown, ctx: object) => MaybePromise<ChecksResult>) | undefined;
  readonly handler: (event: unknown, ctx: never) => unknown;
  /** The guard of the first filter: which events the handler can match at all (see filter-guard.ts). */
  readonly guard: FilterGuard | undefined;
}

/** What one observer holds at one moment. Never mutated: every change makes a new one (see RouterSnapshot). */
export interface ObserverState {
  readonly handlers: readonly HandlerEntry[];
  readonly inner: readonly Middleware<unknown, never>[];
  readonly outer: readonly Middleware<unknown, never>[];
}

const emptyState: ObserverState = { handlers: [], inner: [], outer: [] };

/**
 * An observer of one event kind on one router: `router.message(...filters, handler)` registers a handler (it
 * returns a function that removes it again); `.middleware(mw)` adds inner middleware (after a match, before the
 * handler), `.outerMiddleware(mw)` outer middleware (before the filters; once per event on this router).
 *
 * @example
 * const off = router.message(F.text.eq("hi"), (message) => message.answer("hello"));
 * router.message.middleware(async (message, ctx, next) => { await next(); console.log("answered"); });
 * off(); // the handler is gone
 */
export type Observer<E, C> = Registration<E, C, () => void> & {
  /** Adds an inner middleware: runs after this observer's filters matched, before the handler. */
  middleware(middleware: Middleware<E, C>): void;
  /** Adds an outer middleware: runs before this observer's filters, once per event reaching this router. */
  outerMiddleware(middleware: Middleware<E, C>): void;
};

/**
 * The state behind one observer. Changes replace the state object (copy on write), so an event being dispatched
 * keeps the handlers it started with.
 */
export class ObserverCore {
  readonly #where: string;
  readonly #changed: () => void;
  readonly #prepare: (filters: unknown[]) => unknown[];
  #state: ObserverState = emptyState;

  /**
   * @param where names the observer in errors (`router "admin" message`)
   * @param changed called after every change (the router drops its snapshot)
   * @param prepare rewrites the filters before they are compiled (error observers turn classes into filters)
   */
  constructor(where: string, changed: () => void, prepare: (filters: unknown[]) => unknown[] = (f) => f) {
    this.#where = where;
    this.#changed = changed;
    this.#prepare = prepare;
  }

  /** The current state. */
  get state(): ObserverState {
    return this.#state;
  }

  /** `...filters, handler` → a compiled entry; returns its remover. */
  register(args: readonly unknown[]): () => void {
    const handler = args.at(-1);
    if (typeof handler !== "function") {
      throw new InvalidArgumentError(
        `${this.#where}: the handler (the last argument) must be a function, got ${args.length === 0 ? "nothing" : typeof handler}`,
      );
    }
    const filters = this.#prepare(args.slice(0, -1)) as FilterInput<unknown>[];
    const entry: HandlerEntry = {
      check: filters.length === 0 ? undefined : compileChecks(filters),
      handler: handler as HandlerEntry["handler"],
      guard: filterGuard(filters[0]),
    };
    this.#replace({ ...this.#state, handlers: [...this.#state.handlers, entry] });
    return () => {
      const handlers = this.#state.handlers.filter((candidate) => candidate !== entry);
      if (handlers.length !== this.#state.handlers.length) this.#replace({ ...this.#state, handlers });
    };
  }

  /** Adds an inner or outer middleware. */
  addMiddleware(kind: "inner" | "outer", middleware: unknown): void {
    requireMiddleware(`${this.#where} ${kind === "inner" ? "middleware" : "outerMiddleware"}`, middleware);
    this.#replace({ ...this.#state, [kind]: [...this.#state[kind], middleware] });
  }

  /** The callable observer users see. */
  toObserver<E, C>(): Observer<E, C> {
    const observer = (...args: unknown[]) => this.register(args);
    observer.middleware = (middleware: unknown) => this.addMiddleware("inner", middleware);
    observer.outerMiddleware = (middleware: unknown) => this.addMiddleware("outer", middleware);
    return observer as unknown as Observer<E, C>;
  }

  #replace(state: ObserverState): void {
    this.#state = state;
    this.#changed();
  }
}

/** Throws the typed error of a middleware that is not a function. */
export function requireMiddleware(where: string, middleware: unknown): void {
  if (typeof middleware !== "function") {
    throw new InvalidArgumentError(`${where}: a middleware must be a function, got ${typeof middleware}`);
  }
}
