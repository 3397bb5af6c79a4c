import type { Middleware } from "./middleware.js";
import type { ObserverState } from "./observer.js";

/**
 * A router as one event sees it: its observers, middleware and children at the moment the event started.
 * Snapshots are immutable and cached until the router (or a descendant) changes, so routers and handlers can be
 * added or removed while events flow without touching events already being dispatched.
 */
export interface RouterSnapshot {
  /** The router's name, for log lines. */
  readonly name: string;
  /** Observer key (wire method, or the error key) → its state. */
  readonly observers: ReadonlyMap<string, ObserverState>;
  /** `router.use(...)`: inner middleware for every event observer of the router. */
  readonly use: readonly Middleware<unknown, never>[];
  /** `router.useOuter(...)`: outer middleware for every event observer of the router. */
  readonly useOuter: readonly Middleware<unknown, never>[];
  readonly children: readonly RouterSnapshot[];
}
