import {
  type Api,
  type IncomingEvent,
  type IncomingEventMap,
  InvalidArgumentError,
  type Update,
} from "@tc/api";
import type { BotOf, Context, ContextTypes } from "./context.js";
import {
  type ErrorClass,
  type ErrorEvent,
  ExceptionTypeFilter,
  type InstanceOf,
  isErrorClass,
} from "./error-event.js";
import { RouterAlreadyIncludedError, RouterCycleError } from "./errors.js";
import type { Added, FilterInput, Handler, Narrowed } from "./filters/index.js";
import type { Middleware } from "./middleware.js";
import { type Observer, ObserverCore, type ObserverState, requireMiddleware } from "./observer.js";
import { errorKey } from "./observer-methods.js";
import type { RouterSnapshot } from "./router-snapshot.js";

/** Options of the {@link Router} constructor. */
export interface RouterOptions {
  /** Shown in errors and logs; default `router-<n>`. */
  name?: string;
}

/** The event class of wire method `M` for bot `B`: a typed class for the 16 known pushes, `Update` otherwise. */
export type EventOf<M extends string, B extends Api = Api> = M extends keyof IncomingEventMap
  ? IncomingEventMap<B>[M]
  : Update;

/** Every event a router of `T` may see: the typed events and raw `Update`s. */
export type RouterEvent<T extends ContextTypes = {}> = IncomingEvent<BotOf<T>> | Update;

/** The observer of wire method `M` in a router of `T`. */
export type ObserverOf<M extends string, T extends ContextTypes> = Observer<
  EventOf<M, BotOf<T>>,
  Context<EventOf<M, BotOf<T>>, T>
>;

/** An error filter: anything a filter can be on an {@link ErrorEvent}, or an error class. */
export type ErrorFilterInput = FilterInput<ErrorEvent> | ErrorClass;

/** Error classes among filters become type guards, so that `Narrowed` narrows `error` by them. */
type AsErrorFilters<Fs extends readonly unknown[]> = {
  [K in keyof Fs]: Fs[K] extends ErrorClass
    ? (event: ErrorEvent) => event is ErrorEvent<InstanceOf<Fs[K]>>
    : Fs[K];
};

/**
 * The call signature of `router.error(...)`: filters (error classes included) first, handler last; the
 * handler gets `{ error, event }` with `error` narrowed by the classes given.
 */
export type ErrorRegistration<C> = <const Fs extends readonly ErrorFilterInput[]>(
  ...args: [
    ...filters: Fs,
    handler: Handler<Narrowed<ErrorEvent, AsErrorFilters<Fs>>, C & Added<AsErrorFilters<Fs>>>,
  ]
) => () => void;

/** `router.error`: the registration plus its own middleware (router-wide `use` does not apply to errors). */
export type ErrorObserver<C> = ErrorRegistration<C> & {
  middleware(middleware: Middleware<ErrorEvent, C>): void;
  outerMiddleware(middleware: Middleware<ErrorEvent, C>): void;
};

let unnamed = 0;

/** Internal: the snapshot of a router (the dispatcher's propagation reads it). */
export let snapshotOf: (router: AnyRouter) => RouterSnapshot;

// biome-ignore lint/suspicious/noExplicitAny: a router of any context; each router checks its own handlers' types
export type AnyRouter = Router<any>;

/**
 * A set of handlers with filters, middleware and child routers (aiogram/python-trueconf-bot's `Router`).
 * Handlers are registered per event kind; the handler is always the last argument.
 *
 * Within a router, the first handler whose filters all pass handles the event; when none does, the children
 * are tried in order, depth first. Type parameter `T` declares the bot class and the extra ctx fields
 * handlers may use (see {@link ContextTypes}).
 *
 * @example
 * const router = new Router({ name: "greetings" });
 * router.message(F.text.eq("hello"), (message) => message.answer("Hi there!"));
 * router.addedChatParticipant((event) => console.log(event.userId, "joined", event.chatId));
 * dispatcher.includeRouter(router);
 */
export class Router<T extends ContextTypes = {}> {
  static {
    snapshotOf = (router) => router.#snapshot();
  }

  /** The name given to the constructor, or `router-<n>`. */
  readonly name: string;
  #parent: AnyRouter | undefined;
  #children: readonly AnyRouter[] = Object.freeze([]);
  readonly #observers = new Map<string, ObserverCore>();
  #use: readonly Middleware<unknown, never>[] = [];
  #useOuter: readonly Middleware<unknown, never>[] = [];
  #cached: RouterSnapshot | undefined;

  /** New messages (`sendMessage` pushes). */
  readonly message: ObserverOf<"sendMessage", T>;
  /** Edited messages (`editMessage`). */
  readonly editedMessage: ObserverOf<"editMessage", T>;
  /** Removed messages (`removeMessage`). */
  readonly removedMessage: ObserverOf<"removeMessage", T>;
  /** A participant was added to a chat (`addChatParticipant`). */
  readonly addedChatParticipant: ObserverOf<"addChatParticipant", T>;
  /** A participant was removed from a chat (`removeChatParticipant`). */
  readonly removedChatParticipant: ObserverOf<"removeChatParticipant", T>;
  /** A participant's role changed (`changeParticipantRole`; server 5.5.2+). */
  readonly changedParticipantRole: ObserverOf<"changeParticipantRole", T>;
  /** A personal chat with the bot was created (`createP2PChat`). */
  readonly createdPersonalChat: ObserverOf<"createP2PChat", T>;
  /** A group chat with the bot was created (`createGroupChat`). */
  readonly createdGroupChat: ObserverOf<"createGroupChat", T>;
  /** A channel with the bot was created (`createChannel`). */
  readonly createdChannel: ObserverOf<"createChannel", T>;
  /** The bot's favorites chat was created (`createFavoritesChat`; server 5.5.2+). */
  readonly createdFavoritesChat: ObserverOf<"createFavoritesChat", T>;
  /** A chat was removed (`removeChat`). */
  readonly removedChat: ObserverOf<"removeChat", T>;
  /** A chat's title changed (`editChatTitle`; server 5.5.3+). */
  readonly editedChatTitle: ObserverOf<"editChatTitle", T>;
  /** A chat's avatar changed (`editChatAvatar`; server 5.5.3+). */
  readonly editedChatAvatar: ObserverOf<"editChatAvatar", T>;
  /** A chat's history was cleared (`clearHistory`; server 5.5.3+). */
  readonly clearedChatHistory: ObserverOf<"clearHistory", T>;
  /** The server's file upload limits changed (`getFileUploadLimits` push; server 5.5.3+). */
  readonly changedFileUploadLimits: ObserverOf<"getFileUploadLimits", T>;
  /** Upload progress of a file the bot subscribed to (`uploadFileProgress`). */
  readonly uploadingProgress: ObserverOf<"uploadFileProgress", T>;
  /**
   * Errors thrown by handlers, filters and middleware of this router and its descendants (the nearest router's
   * error observers first, then its ancestors'), and pushes that broke their schema (`UpdateValidationError`,
   * tried on every router like an event). Filter by error class with a bare class or `ExceptionTypeFilter`.
   *
   * @example
   * router.error(ApiErrorException, ({ error, event }) => console.warn(event.method, error.code));
   */
  readonly error: ErrorObserver<Context<ErrorEvent, T>>;

  constructor(options: RouterOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new InvalidArgumentError(
        `Router options must be an object, got ${options === null ? "null" : typeof options}`,
      );
    }
    for (const key of Object.keys(options)) {
      if (key !== "name") throw new InvalidArgumentError(`Router options: unknown option "${key}"`);
    }
    if (options.name !== undefined && (typeof options.name !== "string" || options.name === "")) {
      throw new InvalidArgumentError("Invalid name: expected a non-empty string");
    }
    this.name = options.name ?? `router-${++unnamed}`;
    this.message = this.#observer("sendMessage");
    this.editedMessage = this.#observer("editMessage");
    this.removedMessage = this.#observer("removeMessage");
    this.addedChatParticipant = this.#observer("addChatParticipant");
    this.removedChatParticipant = this.#observer("removeChatParticipant");
    this.changedParticipantRole = this.#observer("changeParticipantRole");
    this.createdPersonalChat = this.#observer("createP2PChat");
    this.createdGroupChat = this.#observer("createGroupChat");
    this.createdChannel = this.#observer("createChannel");
    this.createdFavoritesChat = this.#observer("createFavoritesChat");
    this.removedChat = this.#observer("removeChat");
    this.editedChatTitle = this.#observer("editChatTitle");
    this.editedChatAvatar = this.#observer("editChatAvatar");
    this.clearedChatHistory = this.#observer("clearHistory");
    this.changedFileUploadLimits = this.#observer("getFileUploadLimits");
    this.uploadingProgress = this.#observer("uploadFileProgress");
    this.error = this.#core(errorKey, (filters) =>
      filters.map((filter) => (isErrorClass(filter) ? ExceptionTypeFilter(filter) : filter)),
    ).toObserver() as unknown as ErrorObserver<Context<ErrorEvent, T>>;
  }

  /**
   * Registers a handler for any wire method: a known one gives its typed class (`event("sendMessage", …)` is
   * the same observer as `message`), an unknown one gives raw {@link Update}s with the payload as received.
   * Returns a function that removes the handler.
   *
   * @example
   * router.event("someFutureEvent", (update) => console.log(update.payload));
   * router.event("sendMessage", F.text, (message) => message.answer(message.text));
   */
  event<M extends string, const Fs extends readonly FilterInput<EventOf<M, BotOf<T>>>[]>(
    method: M,
    ...args: [
      ...filters: Fs,
      handler: Handler<Narrowed<EventOf<M, BotOf<T>>, Fs>, Context<EventOf<M, BotOf<T>>, T> & Added<Fs>>,
    ]
  ): () => void {
    if (typeof method !== "string" || method === "") {
      throw new InvalidArgumentError(
        `router.event: the method must be a non-empty string, got ${typeof method}`,
      );
    }
    return this.#core(method).register(args);
  }

  /**
   * Adds an inner middleware to every event observer of this router (not `error`): it runs after a handler's
   * filters matched, before the handler, for this router's handlers and its descendants'.
   *
   * @example
   * router.use(async (event, ctx, next) => { console.time(event.method); await next(); console.timeEnd(event.method); });
   */
  use(middleware: Middleware<RouterEvent<T>, Context<RouterEvent<T>, T>>): this {
    requireMiddleware(`router "${this.name}" use`, middleware);
    this.#use = [...this.#use, middleware as Middleware<unknown, never>];
    this.#changed();
    return this;
  }

  /**
   * Adds an outer middleware to every event observer of this router (not `error`): it runs once per event
   * reaching this router, before any filter, around this router's handlers and its children.
   *
   * @example
   * admin.useOuter(async (event, ctx, next) => (admins.has(event.fromUserId ?? "") ? next() : undefined));
   */
  useOuter(middleware: Middleware<RouterEvent<T>, Context<RouterEvent<T>, T>>): this {
    requireMiddleware(`router "${this.name}" useOuter`, middleware);
    this.#useOuter = [...this.#useOuter, middleware as Middleware<unknown, never>];
    this.#changed();
    return this;
  }

  /**
   * Adds a child router, tried after this router's own handlers when none of them handled the event. A router
   * has one parent: including it twice, or including an ancestor, throws. Returns the child.
   *
   * @example
   * const admin = dp.includeRouter(new Router({ name: "admin" }));
   */
  includeRouter<R extends AnyRouter>(router: R): R {
    this.#checkChild(router, this.#children);
    router.#parent = this;
    this.#children = Object.freeze([...this.#children, router]);
    this.#changed();
    return router;
  }

  /** Adds several child routers in order; checks them all before adding any. */
  includeRouters(...routers: AnyRouter[]): void {
    const seen: AnyRouter[] = [...this.#children];
    for (const router of routers) {
      this.#checkChild(router, seen);
      seen.push(router);
    }
    for (const router of routers) this.includeRouter(router);
  }

  /**
   * Removes a child router (the next events do not reach it; events already being dispatched still may).
   * Returns whether it was a child.
   *
   * @example
   * for (const router of dp.routers) if (router.name === "Cool") dp.removeRouter(router);
   */
  removeRouter(router: AnyRouter): boolean {
    if (!this.#children.includes(router)) return false;
    this.#children = Object.freeze(this.#children.filter((child) => child !== router));
    router.#parent = undefined;
    this.#changed();
    return true;
  }

  /** Removes this router from its parent, if it has one. Returns this router (free to be included again). */
  detach(): this {
    this.#parent?.removeRouter(this);
    return this;
  }

  /** The child routers, in order (a frozen copy: change them with includeRouter/removeRouter). */
  get routers(): readonly AnyRouter[] {
    return this.#children;
  }

  /** The router this one is included in, if any. */
  get parent(): AnyRouter | undefined {
    return this.#parent;
  }

  /** Whether this router may be included in another (the dispatcher overrides it: it is always the root). */
  protected get includable(): boolean {
    return true;
  }

  #checkChild(router: unknown, siblings: readonly AnyRouter[]): asserts router is AnyRouter {
    if (!(router instanceof Router)) {
      throw new InvalidArgumentError(
        `router "${this.name}": includeRouter takes a Router, got ${typeof router}`,
      );
    }
    if (!router.includable) {
      throw new RouterCycleError(`router "${router.name}" is a dispatcher: it is always the root`);
    }
    for (let ancestor: AnyRouter | undefined = this; ancestor !== undefined; ancestor = ancestor.#parent) {
      if (ancestor === router) {
        throw new RouterCycleError(`including router "${router.name}" in "${this.name}" would make a cycle`);
      }
    }
    if (router.#parent !== undefined || siblings.includes(router)) {
      const owner = router.#parent?.name ?? this.name;
      throw new RouterAlreadyIncludedError(
        `router "${router.name}" is already included in "${owner}"; call detach() first to move it`,
      );
    }
  }

  #observer<M extends keyof IncomingEventMap>(method: M): ObserverOf<M, T> {
    return this.#core(method).toObserver();
  }

  #core(key: string, prepare?: (filters: unknown[]) => unknown[]): ObserverCore {
    let core = this.#observers.get(key);
    if (core === undefined) {
      const label = key === errorKey ? "error" : key;
      core = new ObserverCore(`router "${this.name}" ${label}`, () => this.#changed(), prepare);
      this.#observers.set(key, core);
    }
    return core;
  }

  #changed(): void {
    for (let router: AnyRouter | undefined = this; router !== undefined; router = router.#parent) {
      router.#cached = undefined;
    }
  }

  #snapshot(): RouterSnapshot {
    if (this.#cached !== undefined) return this.#cached;
    const observers = new Map<string, ObserverState>();
    for (const [key, core] of this.#observers) observers.set(key, core.state);
    this.#cached = {
      name: this.name,
      observers,
      use: this.#use,
      useOuter: this.#useOuter,
      children: this.#children.map((child) => child.#snapshot()),
    };
    return this.#cached;
  }
}
