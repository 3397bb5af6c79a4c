import {
  type Api,
  ApiEvent,
  checkOptions,
  describeValue,
  type IncomingEvent,
  InvalidArgumentError,
  type Logger,
  type RawUpdate,
  requireDuration,
  Update,
} from "@tc/api";
import { type ConcurrencyKey, keyOf, Scheduler } from "./concurrency/index.js";
import type { BotOf, ContextTypes, FeedContext } from "./context.js";
import { ErrorEvent } from "./error-event.js";
import { DispatcherStoppedError, UpdateValidationError } from "./errors.js";
import { lazyFSMContext } from "./fsm/fsm-context.js";
import { hasRecord } from "./fsm/fsm-runtime.js";
import {
  claimStorage,
  isProcessLocal,
  keyImpliesRecord,
  type StorageClaim,
} from "./fsm/implied-isolation.js";
import { type FSMStrategy, FsmRuntime, type KeyBuilder, type Storage } from "./fsm/index.js";
import { RecordLock } from "./fsm/record-lock.js";
import { consoleLogger } from "./logger.js";
import { isThenable, type MaybePromise } from "./maybe-promise.js";
import { errorKey, isKnownMethod } from "./observer-methods.js";
import { dispatchThroughTree, type PropagationContext, reportError } from "./propagation.js";
import { Router, snapshotOf } from "./router.js";
import type { RouterSnapshot } from "./router-snapshot.js";

/** Options of the {@link Dispatcher} constructor. */
export interface DispatcherOptions {
  /** Shown in errors and logs; default `"dispatcher"`. */
  name?: string;
  /**
   * How many events run at once (a number: the limit, default 64), or `{ key, limit }`: `key` says which events
   * run in order, one after the other (default `"chat"`: one chat's events in arrival order). See
   * docs/concurrency.md.
   */
  concurrency?: number | { key?: ConcurrencyKey; limit?: number };
  /** Waiting events above which the attached intakes are paused (resumed at half). Default 1024. */
  maxQueued?: number;
  /** Where FSM records live; default a new `MemoryStorage`. See docs/fsm.md. */
  storage?: Storage;
  /** Which events share an FSM record; default `FSMStrategy.USER_IN_CHAT`. */
  fsmStrategy?: FSMStrategy;
  /** The key builder of the default `MemoryStorage` (a storage you pass has its own). */
  keyBuilder?: KeyBuilder;
  /** Where unhandled errors go (with the event's method and update id); default: warnings and errors to stderr. */
  logger?: Logger;
}

/** What a push source must offer for backpressure: a transport has both. */
export interface Intake {
  /** Hold the next pushes (they must not be dropped, only delayed). */
  pause(): void;
  /** Emit the held pushes, in order, and go on. */
  resume(): void;
}

/** Options of {@link Dispatcher.attach}. */
export interface AttachOptions {
  /** Paused when too many events wait (`maxQueued`), resumed when they are down to half; usually the transport. */
  intake?: Intake;
}

/** Options of {@link Dispatcher.stop}. */
export interface DispatcherStopOptions {
  /**
   * Milliseconds the running and waiting events get to finish; then the waiting ones are dropped and the running
   * ones see `ctx.signal` aborted. Default: wait for all of them.
   */
  deadline?: number;
}

/** What {@link Dispatcher.stop} reports. */
export interface DispatcherStopReport {
  /** Events that finished after `stop()` was called. */
  finished: number;
  /** Events cut at the deadline: running ones (their signal aborted), then waiting ones that never started. */
  cut: (IncomingEvent | Update)[];
}

const optionKeys = ["name", "concurrency", "maxQueued", "storage", "fsmStrategy", "keyBuilder", "logger"];

/**
 * The root router: receives events, runs them through its own handlers and every included router, in order
 * per chat and concurrently across chats, with the FSM wired in.
 *
 * Every lane receives every event: the dispatcher's own handlers form one lane and each included (root) router
 * with its descendants another. Within a lane the first handler whose filters all pass handles the event.
 *
 * @example
 * const dp = new Dispatcher();
 * dp.includeRouter(router);
 * dp.attach(api, { intake: transport }); // every push the Api parses is dispatched
 * // …
 * const { cut } = await dp.stop({ deadline: 10_000 });
 */
export class Dispatcher<T extends ContextTypes = {}> extends Router<T> {
  readonly #scheduler: Scheduler;
  readonly #fsm: FsmRuntime;
  /**
   * This dispatcher's use of the storage: the count tells whether another dispatcher shares it. Never given back:
   * a stopped dispatcher's cut events may still run, and a storage once shared keeps its lock.
   */
  readonly #claim: StorageClaim;
  /**
   * Whether the scheduler alone keeps the events of one record apart (the concurrency key implies the record and
   * the storage's lock is in-process): then the lock is skipped while no other dispatcher uses the storage.
   */
  readonly #lockImplied: boolean;
  readonly #logger: Logger;
  readonly #attached = new Set<{ readonly off: () => void; readonly intake: Intake | undefined }>();
  #paused = false;
  #stopping: Promise<DispatcherStopReport> | undefined;

  constructor(options: DispatcherOptions = {}) {
    const o = checkOptions("Dispatcher options", options, optionKeys);
    super({ name: o.name ?? "dispatcher" });
    this.#logger = requireLogger(o.logger);
    const concurrency = typeof o.concurrency === "number" ? { limit: o.concurrency } : (o.concurrency ?? {});
    const { key, limit } = checkOptions("concurrency", concurrency, ["key", "limit"]);
    this.#scheduler = new Scheduler({
      key,
      limit,
      maxQueued: o.maxQueued,
      onPause: () => this.#setPaused(true),
      onResume: () => this.#setPaused(false),
    });
    this.#fsm = new FsmRuntime({ storage: o.storage, strategy: o.fsmStrategy, keyBuilder: o.keyBuilder });
    this.#claim = claimStorage(this.#fsm.storage);
    this.#lockImplied =
      keyImpliesRecord(this.#scheduler.key, this.#fsm.strategy) && isProcessLocal(this.#fsm.storage);
  }

  /** Events being handled now. */
  get running(): number {
    return this.#scheduler.running;
  }

  /** Events waiting for their chat (or key) or for a free slot. */
  get queued(): number {
    return this.#scheduler.queued;
  }

  /**
   * Dispatches one event and resolves, when its handlers and middleware have finished, with whether anything
   * handled it (a handler matched, or a middleware consumed it). Handler errors never reject it: they go to the
   * error observers or the logger. `ctx` may carry the bot (required for a raw `Update`) and extras.
   * Rejects with `DispatcherStoppedError` after `stop()`.
   *
   * @example
   * const handled = await dp.feedUpdate(api.parseUpdate(raw));
   */
  feedUpdate(event: IncomingEvent<BotOf<T>> | Update, ctx?: FeedContext<T>): Promise<boolean> {
    if (this.#stopping !== undefined) {
      return Promise.reject(
        new DispatcherStoppedError(`Dispatcher "${this.name}" is stopped; it takes no events`),
      );
    }
    if (!(event instanceof ApiEvent) && !(event instanceof Update)) {
      return Promise.reject(
        new InvalidArgumentError(`feedUpdate takes an event from @tc/api, got ${describeValue(event)}`),
      );
    }
    if (ctx !== undefined && (typeof ctx !== "object" || ctx === null)) {
      return Promise.reject(
        new InvalidArgumentError(`feedUpdate: ctx must be an object, got ${describeValue(ctx)}`),
      );
    }
    const bot = ctx?.bot ?? (event instanceof ApiEvent ? event.bot : undefined);
    if (bot === undefined) {
      return Promise.reject(
        new InvalidArgumentError(
          "feedUpdate: a raw Update is bound to no bot; pass it as ctx.bot (or use feedRaw)",
        ),
      );
    }
    // Fields beside the bot are copied into each event's ctx; a ctx of the bot alone (feedRaw, attach) needs no
    // copy, and a spread per event is a good part of what dispatching costs.
    const extras = ctx !== undefined && hasFieldsBesideBot(ctx) ? ctx : undefined;
    const ordering = keyOf(event, this.#scheduler.key);
    // The scheduler takes a plain result as well (it settles its promise with it): an event whose handlers and
    // filters were all synchronous needs no promise of its own.
    const task = (signal: AbortSignal) => this.#process(event, bot, extras, signal) as Promise<boolean>;
    return this.#scheduler.run(ordering, task, event);
  }

  /**
   * Parses a raw push with `api.parseUpdate` and dispatches it ({@link Dispatcher.feedUpdate}).
   *
   * @example
   * transport.on("update", (raw) => void dp.feedRaw(raw, api));
   */
  feedRaw(raw: RawUpdate, api: BotOf<T>): Promise<boolean> {
    if (typeof api?.parseUpdate !== "function") {
      return Promise.reject(new InvalidArgumentError(`feedRaw needs an Api, got ${describeValue(api)}`));
    }
    return this.feedUpdate(
      api.parseUpdate(raw) as IncomingEvent<BotOf<T>> | Update,
      { bot: api } as FeedContext<T>,
    );
  }

  /**
   * Dispatches every event `api` emits (`api.on("event")`) until the returned function is called or the
   * dispatcher stops. With `intake` (the transport), too many waiting events pause it (the pushes wait in the
   * transport, nothing is dropped) and it resumes when the queue is down to half.
   *
   * @example
   * const transport = new Transport({ server, token });
   * const api = new Api(transport);
   * dp.attach(api, { intake: transport });
   * await transport.start();
   */
  attach(api: BotOf<T>, options: AttachOptions = {}): () => void {
    if (typeof (api as { on?: unknown })?.on !== "function") {
      throw new InvalidArgumentError(`attach needs an Api, got ${describeValue(api)}`);
    }
    const { intake } = checkOptions("attach options", options, ["intake"]);
    if (
      intake !== undefined &&
      (typeof intake?.pause !== "function" || typeof intake?.resume !== "function")
    ) {
      throw new InvalidArgumentError(
        "Invalid intake: expected an object with pause() and resume() (a transport)",
      );
    }
    if (this.#stopping !== undefined) {
      throw new DispatcherStoppedError(`Dispatcher "${this.name}" is stopped; it takes no events`);
    }
    const unsubscribe = api.on("event", (event) => {
      this.feedUpdate(event as IncomingEvent<BotOf<T>> | Update, { bot: api } as FeedContext<T>).catch(
        (error: unknown) =>
          this.#logger.error(`Dispatcher "${this.name}" could not take ${event.method}`, error),
      );
    });
    const attachment = { off: unsubscribe, intake };
    this.#attached.add(attachment);
    if (this.#paused) intake?.pause();
    return () => {
      if (!this.#attached.delete(attachment)) return;
      unsubscribe();
      if (this.#paused) intake?.resume();
    };
  }

  /** Resolves when no event is running or waiting. */
  idle(): Promise<void> {
    return this.#scheduler.idle();
  }

  /**
   * Stops taking events (attached Apis are unsubscribed; their intake is left as it is, for the transport to
   * stop), lets running and waiting events finish within `deadline`, aborts `ctx.signal` of those still
   * running then, closes the FSM storage, and reports what was cut. Calling it again returns the same report.
   *
   * @example
   * const { finished, cut } = await dp.stop({ deadline: 5_000 });
   * for (const event of cut) console.warn("not handled in time:", event.method, event.updateId);
   */
  stop(options: DispatcherStopOptions = {}): Promise<DispatcherStopReport> {
    if (this.#stopping !== undefined) return this.#stopping;
    const { deadline } = checkOptions("stop options", options, ["deadline"]);
    const ms =
      deadline === undefined ? undefined : requireDuration("deadline", deadline, 0, { allowZero: true });
    for (const { off } of this.#attached) off();
    this.#attached.clear();
    this.#stopping = (async () => {
      const report = await this.#scheduler.stop(ms === undefined ? {} : { deadline: ms });
      await this.#fsm.close();
      return { finished: report.finished, cut: report.cut as (IncomingEvent | Update)[] };
    })();
    return this.#stopping;
  }

  /** The dispatcher is always the root: it cannot be included in a router. */
  protected override get includable(): boolean {
    return false;
  }

  #process(
    event: IncomingEvent | Update,
    bot: Api,
    extras: object | undefined,
    signal: AbortSignal,
  ): MaybePromise<boolean> {
    let root: RouterSnapshot | undefined;
    try {
      root = snapshotOf(this);
      if (event instanceof Update) {
        const ctx = this.#context(event, bot, extras, signal, undefined);
        if (isKnownMethod(event.method)) {
          // A known push that broke its schema: its typed handlers could not trust it, so it is an error.
          const payload = new ErrorEvent(new UpdateValidationError(event), event);
          return then(dispatchThroughTree(root, { event, key: errorKey, payload }, ctx), (handled) => {
            if (!handled) reportUnhandled(this.#logger, payload.error, event);
            return handled;
          });
        }
        return dispatchThroughTree(root, { event, key: event.method, payload: event }, ctx);
      }
      // The record's lock, taken when the event first uses its record: none for an event without a record, or when
      // the scheduler already runs this record's events one at a time.
      const lock =
        !hasRecord(event) || (this.#lockImplied && this.#claim.users === 1)
          ? undefined
          : new RecordLock(this.#fsm.storage);
      const ctx = this.#context(event, bot, extras, signal, lock);
      const handled = dispatchThroughTree(root, { event, key: event.method, payload: event }, ctx);
      if (lock === undefined) return handled;
      const tree = root;
      const release = (result: boolean) => {
        const released = lock.release();
        return released === undefined
          ? result
          : released.then(
              () => result,
              (error: unknown) => this.#failed(tree, error, event, ctx).then(() => result),
            );
      };
      return isThenable(handled) ? handled.then(release) : release(handled);
    } catch (error) {
      return this.#failed(root, error, event, this.#context(event, bot, extras, signal, undefined));
    }
  }

  /**
   * The ctx of one event: the feeder's extras, then the fields every handler has, then the `state` of its record
   * if it has one — a context whose key is built, and whose `lock` is taken, on first use. No copy of it is made
   * on the way (see propagation), so it is built once per event.
   */
  #context(
    event: IncomingEvent | Update,
    bot: Api,
    extras: object | undefined,
    signal: AbortSignal,
    lock: RecordLock | undefined,
  ): PropagationContext {
    const { updateId } = event;
    const log = this.#logger;
    if (event instanceof Update || !hasRecord(event)) {
      return extras === undefined
        ? { bot, api: bot, updateId, signal, log }
        : { ...extras, bot, api: bot, updateId, signal, log };
    }
    const fsm = this.#fsm;
    const state = lazyFSMContext(fsm.storage, fsm, event, bot, lock);
    // Without extras, a literal of one fixed shape (a spread of `undefined` still costs a generic copy).
    return extras === undefined
      ? { bot, api: bot, updateId, signal, log, state }
      : { ...extras, bot, api: bot, updateId, signal, log, state };
  }

  /** Reports an error of the dispatcher's own steps (the release of a record's lock); propagation reports the rest. */
  async #failed(
    root: RouterSnapshot | undefined,
    error: unknown,
    event: IncomingEvent | Update,
    ctx: PropagationContext,
  ): Promise<false> {
    await reportError({ router: root ?? snapshotOf(this), parent: undefined }, error, event, ctx);
    return false;
  }

  #setPaused(paused: boolean): void {
    this.#paused = paused;
    for (const { intake } of this.#attached) {
      try {
        if (paused) intake?.pause();
        else intake?.resume();
      } catch (error) {
        this.#logger.error(
          `Dispatcher "${this.name}": the intake threw on ${paused ? "pause" : "resume"}`,
          error,
        );
      }
    }
  }
}

/** Whether a feeder's ctx has a field other than `bot`. */
function hasFieldsBesideBot(ctx: object): boolean {
  for (const key in ctx) if (key !== "bot") return true;
  return false;
}

/** `f` of `value`, after it settled when it is a promise. */
function then<T, R>(value: MaybePromise<T>, f: (value: T) => R): MaybePromise<R> {
  return isThenable(value) ? value.then(f) : f(value);
}

function reportUnhandled(logger: Logger, error: unknown, event: Update): void {
  try {
    logger.warn(
      `Unhandled ${String(event.method)} push (update ${event.updateId}) that broke its schema`,
      error,
    );
  } catch {
    // A failing logger must not fail the dispatch.
  }
}

const loggerMethods = ["debug", "info", "warn", "error"] as const;

function requireLogger(value: unknown): Logger {
  if (value === undefined) return consoleLogger;
  if (
    typeof value === "object" &&
    value !== null &&
    loggerMethods.every((method) => typeof (value as Record<string, unknown>)[method] === "function")
  ) {
    return value as Logger;
  }
  throw new InvalidArgumentError(
    `Invalid logger: expected an object with debug, info, warn and error methods, got ${describeValue(value)}`,
  );
}
