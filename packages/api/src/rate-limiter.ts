import { checkOptions, describeValue, invalidOption, requireDuration, requireInteger } from "@tc/core";
import { abortableDelay } from "./abortable-delay.js";
import type { ApiCall, ApiTransformer } from "./api-transformer.js";

/** One rate: at most `limit` requests per `interval` ms, with bursts of up to `limit`. */
export interface Rate {
  /** Requests allowed per interval (and the largest burst), at least 1. */
  limit: number;
  /** The interval in ms. */
  interval: number;
}

/** Options of {@link rateLimiter}. Each rate is off unless given. */
export interface RateLimiterOptions {
  /** The rate of requests about one chat (those whose payload has a `chatId`), per chat. */
  perChat?: Rate;
  /** The rate of all requests of the Api together. */
  global?: Rate;
}

/**
 * A token bucket that hands out slots in the future instead of refusing: `reserve()` takes one token and says how
 * long the caller must wait for it, so waiting callers go in the order they asked.
 */
class TokenBucket {
  readonly #rate: Rate;
  #tokens: number;
  #updatedAt: number;

  constructor(rate: Rate, now: number) {
    this.#rate = rate;
    this.#tokens = rate.limit;
    this.#updatedAt = now;
  }

  /** Takes a token; resolves to the ms to wait before using it (0 when one was free). */
  reserve(now: number): number {
    this.#refill(now);
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens * this.#rate.interval) / this.#rate.limit);
  }

  /** Whether the bucket is full again, so dropping it loses nothing. */
  idle(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.#rate.limit;
  }

  #refill(now: number): void {
    const earned = ((now - this.#updatedAt) * this.#rate.limit) / this.#rate.interval;
    this.#tokens = Math.min(this.#rate.limit, this.#tokens + earned);
    this.#updatedAt = now;
  }
}

/** Per-chat buckets are dropped once full again, checked whenever this many have piled up. */
const sweepThreshold = 1_000;

/**
 * Outgoing middleware that spaces requests out on the client so the server never has to refuse them: at most
 * `perChat.limit` requests per `perChat.interval` ms about each chat (keyed by the payload's `chatId`) and
 * `global.limit` per `global.interval` ms in all. A request over the rate waits for its slot (in the order the
 * requests were made) rather than failing; the call's `signal` ends the wait. Both rates are off by default.
 *
 * @example
 * api.use(rateLimiter({ perChat: { limit: 1, interval: 1_000 }, global: { limit: 30, interval: 1_000 } }));
 */
export function rateLimiter(options: RateLimiterOptions = {}): ApiTransformer {
  const o = checkOptions("rateLimiter options", options, ["perChat", "global"]);
  const perChat = o.perChat === undefined ? undefined : requireRate("perChat", o.perChat);
  const global = o.global === undefined ? undefined : requireRate("global", o.global);
  const globalBucket = global === undefined ? undefined : new TokenBucket(global, Date.now());
  const chatBuckets = new Map<string, TokenBucket>();

  const chatBucket = (chatId: string, now: number): TokenBucket | undefined => {
    if (perChat === undefined) return undefined;
    let bucket = chatBuckets.get(chatId);
    if (bucket === undefined) {
      if (chatBuckets.size >= sweepThreshold) {
        for (const [id, b] of chatBuckets) if (b.idle(now)) chatBuckets.delete(id);
      }
      bucket = new TokenBucket(perChat, now);
      chatBuckets.set(chatId, bucket);
    }
    return bucket;
  };

  return async (call, next) => {
    const now = Date.now();
    const chatId = chatIdOf(call);
    const chatWait = chatId === undefined ? 0 : (chatBucket(chatId, now)?.reserve(now) ?? 0);
    const globalWait = globalBucket?.reserve(now) ?? 0;
    const wait = Math.max(chatWait, globalWait);
    if (wait > 0) await abortableDelay(wait, call.options?.signal);
    return next(call);
  };
}

/** A {@link Rate} option. */
function requireRate(name: string, value: unknown): Rate {
  if (typeof value !== "object" || value === null) {
    throw invalidOption(name, `expected { limit, interval }, got ${describeValue(value)}`);
  }
  const rate = checkOptions(`${name} rate`, value as Rate, ["limit", "interval"]);
  if (rate.limit === undefined || rate.interval === undefined) {
    throw invalidOption(name, "needs both limit and interval");
  }
  return {
    limit: requireInteger(`${name}.limit`, rate.limit, 1, { min: 1 }),
    interval: requireDuration(`${name}.interval`, rate.interval, 1_000),
  };
}

/** The chat a request is about: the payload's `chatId`, when it has one. */
function chatIdOf(call: ApiCall): string | undefined {
  const payload = call.payload as { chatId?: unknown } | null | undefined;
  const chatId = typeof payload === "object" && payload !== null ? payload.chatId : undefined;
  return typeof chatId === "string" ? chatId : undefined;
}
