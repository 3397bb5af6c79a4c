import { hostname } from "node:os";
import {
  checkOptions,
  consoleLogger,
  describeValue,
  InvalidArgumentError,
  KeyBuilder,
  type Logger,
  type NextFunction,
  requireDuration,
  StorageKey,
} from "@tc/router";
import type { Redis } from "ioredis";
import { eventIdentity, type ReplicaEvent } from "./event-identity.js";
import { LocalQueue } from "./local-queue.js";
import { type LockCommands, lockCommands } from "./lock-scripts.js";
import { openRedis, type RedisSource } from "./redis-connection.js";
import { RedisLock } from "./redis-lock.js";

/** Options of {@link ReplicaCoordinator}. */
export interface ReplicaCoordinatorOptions {
  /** Where Redis is (every replica the same); default `redis://127.0.0.1:6379`. */
  redis?: RedisSource;
  /** First part of every key; default `"replicas"` (keep it apart from the FSM storage's prefix). */
  prefix?: string;
  /** This replica's name in claims and logs; default `host:pid:random`. */
  replicaId?: string;
  /**
   * Milliseconds a claim lives without renewal; default 30 000. A replica renews its claims every third of it
   * while their handlers run; when it dies, its claims are taken over at most this long after.
   */
  claimTtl?: number;
  /**
   * Milliseconds a finished event stays marked as finished; default one day. A replica that receives an event
   * later than that (a very late redelivery) handles it again.
   */
  doneTtl?: number;
  /** The identity of an event, the same in every session; default {@link eventIdentity}. `undefined`: not coordinated. */
  identity?: (event: ReplicaEvent) => string | undefined;
  /** Where takeovers and outages are reported; default the console. */
  logger?: Logger;
}

/** What a coordinator did so far, in this process. */
export interface ReplicaStats {
  /** Events this replica claimed and handled. */
  readonly handled: number;
  /** Events another replica had handled: skipped here. */
  readonly skipped: number;
  /** Of the handled ones, events a dead replica had claimed and not finished. */
  readonly takenOver: number;
  /** Events claimed and not finished yet. */
  readonly inFlight: number;
}

/** The ctx fields the coordinator reads (every dispatcher ctx has them). */
export interface ReplicaContext {
  readonly bot: unknown;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

const optionKeys = ["redis", "prefix", "replicaId", "claimTtl", "doneTtl", "identity", "logger"];

/**
 * Lets several processes run the same bot account: every session receives every event, and the coordinator's
 * outer middleware makes each event be handled by exactly one replica, in order per chat across replicas.
 *
 * For each pushed event, a replica takes the chat's order lock in Redis (the event's own identity for events
 * without a chat), then claims the event: an event already finished is skipped, otherwise this replica
 * handles it and marks it finished as it releases the lock. The lock is renewed while the handler runs; a
 * replica that dies stops renewing, its lock expires after `claimTtl`, and the next replica waiting for that
 * chat takes the unfinished event over. Since each replica goes through a chat's events in arrival order and
 * passes an event only once it is finished (by itself or another), an event of a chat never starts before the
 * earlier ones finished, whichever replicas run them.
 *
 * When Redis is unreachable, no replica takes events: they wait, in order, until it is back (the dispatcher
 * pauses the transport once too many wait), then go on. See the README for the guarantees and their limits.
 *
 * @example
 * const replicas = new ReplicaCoordinator({ redis: process.env.REDIS_URL });
 * const dp = new Dispatcher({ storage: new RedisStorage({ redis: process.env.REDIS_URL }) });
 * dp.useOuter(replicas.middleware);
 * // … after bot.shutdown():
 * await replicas.close();
 */
export class ReplicaCoordinator {
  /** This replica's name. */
  readonly replicaId: string;
  /** The client (owned unless you gave one). */
  readonly redis: Redis;
  readonly #owned: boolean;
  readonly #keys: KeyBuilder;
  readonly #lock: RedisLock;
  readonly #commands: LockCommands;
  readonly #doneTtl: number;
  readonly #identity: (event: ReplicaEvent) => string | undefined;
  readonly #queue = new LocalQueue();
  #handled = 0;
  #skipped = 0;
  #takenOver = 0;
  #inFlight = 0;

  constructor(options?: ReplicaCoordinatorOptions) {
    const o = checkOptions("ReplicaCoordinator options", options, optionKeys);
    const logger = o.logger ?? consoleLogger;
    this.#keys = new KeyBuilder({ prefix: o.prefix ?? "replicas", withBotId: true });
    if (o.replicaId !== undefined && (typeof o.replicaId !== "string" || o.replicaId === "")) {
      throw new InvalidArgumentError(
        `Invalid replicaId: expected a non-empty string, got ${describeValue(o.replicaId)}`,
      );
    }
    this.replicaId = o.replicaId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    const claimTtl = requireDuration("claimTtl", o.claimTtl, 30_000);
    this.#doneTtl = requireDuration("doneTtl", o.doneTtl, 24 * 60 * 60 * 1000);
    if (o.identity !== undefined && typeof o.identity !== "function") {
      throw new InvalidArgumentError(
        `Invalid identity: expected a function, got ${describeValue(o.identity)}`,
      );
    }
    this.#identity = o.identity ?? eventIdentity;
    const { client, owned } = openRedis("ReplicaCoordinator", o.redis, logger);
    this.redis = client;
    this.#owned = owned;
    this.#commands = lockCommands(client);
    const channel = `${this.#keys.prefix}${this.#keys.separator}lock-released`;
    this.#lock = new RedisLock({ redis: client, channel, ttl: claimTtl, logger });
  }

  /** What this replica did so far. */
  get stats(): ReplicaStats {
    return {
      handled: this.#handled,
      skipped: this.#skipped,
      takenOver: this.#takenOver,
      inFlight: this.#inFlight,
    };
  }

  /**
   * The dispatcher outer middleware: `dp.useOuter(replicas.middleware)`. Register it first, so that it runs
   * before other outer middleware. Events that are not pushes (fed by hand, history items) and the bot's own
   * messages that its intake skips pass through unclaimed.
   */
  readonly middleware = (event: ReplicaEvent, ctx: ReplicaContext, next: NextFunction): Promise<unknown> => {
    const bot = (ctx.bot ?? {}) as { meId?: unknown; skipSelfMessages?: unknown };
    const meId = typeof bot.meId === "string" && bot.meId !== "" ? bot.meId : undefined;
    // The bot's intake drops its own messages after this middleware; claiming them first would cost for nothing.
    const own = event.method === "sendMessage" && bot.skipSelfMessages === true && event.fromUserId === meId;
    if (own || event.updateId === undefined) return next();
    const identity = this.#identity(event);
    if (identity === undefined) return next();
    const botId = meId ?? "unknown-bot";
    const order = this.#keys.build(
      new StorageKey({ botId, chatId: "order", userId: event.chatId ?? identity }),
      "lock",
    );
    const claim = this.#keys.build(new StorageKey({ botId, chatId: "claim", userId: identity }), "data");
    return this.#queue.run(order, () => this.#handleOnce(order, claim, ctx, next));
  };

  /** Stops listening for releases and closes the connection it made. */
  async close(): Promise<void> {
    await this.#lock.close();
    if (this.#owned) await this.redis.quit().catch(() => undefined);
  }

  async #handleOnce(order: string, claim: string, ctx: ReplicaContext, next: NextFunction): Promise<unknown> {
    // No bound: a live holder renews its lock, a dead one's expires; the dispatcher's stop aborts the wait.
    const lease = await this.#lock.acquire(order, { wait: Number.POSITIVE_INFINITY, signal: ctx.signal });
    let previous: string;
    try {
      previous = await this.#commands.tcClaim(
        claim,
        order,
        this.replicaId,
        this.#doneTtl,
        this.#lock.channel,
        lease.token,
      );
    } catch (error) {
      await lease.release().catch(() => undefined);
      throw error;
    }
    if (previous === "done") {
      lease.detach();
      this.#skipped++;
      return undefined;
    }
    if (previous !== "new") {
      this.#takenOver++;
      ctx.log.info(`Replica ${this.replicaId} took over an event ${previous.slice(4)} did not finish`);
    }
    this.#inFlight++;
    try {
      return await next();
    } finally {
      lease.detach();
      try {
        const released = await this.#commands.tcFinish(
          claim,
          order,
          this.#doneTtl,
          lease.token,
          this.#lock.channel,
        );
        if (released !== 1 && !lease.lost) {
          ctx.log.warn(
            `The order lock "${order}" expired while its event ran; a later event may have overlapped`,
          );
        }
      } finally {
        this.#inFlight--;
        this.#handled++;
      }
    }
  }
}
