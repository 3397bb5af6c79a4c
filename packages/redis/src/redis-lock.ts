import { randomUUID } from "node:crypto";
import type { Logger } from "@tc/router";
import type { Redis } from "ioredis";
import { LockTimeoutError } from "./errors.js";
import { type LockCommands, lockCommands } from "./lock-scripts.js";

/** Settings of a {@link RedisLock}. */
export interface RedisLockSettings {
  /** The client the lock commands go through. */
  readonly redis: Redis;
  /** The pub/sub channel releases are announced on (one per key prefix). */
  readonly channel: string;
  /** Milliseconds a lock lives without renewal: how long a crashed holder keeps it. */
  readonly ttl: number;
  /** Where a lock lost while held is reported. */
  readonly logger: Logger;
}

/** Options of one {@link RedisLock.acquire}. */
export interface AcquireOptions {
  /** Milliseconds to wait for a holder's release; `Infinity`: as long as a live holder renews it. */
  wait: number;
  /** Stops waiting (rejecting with the signal's reason). */
  signal?: AbortSignal | undefined;
}

/**
 * How often a waiter tries again with no release announced: a holder that crashed announces nothing (its lock
 * just expires), and announcements made while the subscriber reconnects are lost.
 */
const pollInterval = 100;

/**
 * A mutual-exclusion lock in Redis, shared by every process that uses the same keys: `SET NX PX` with a random
 * token, renewed every third of its TTL while held, released by a compare-and-delete script (a holder whose lock
 * expired cannot delete the next holder's). Waiters are woken by a pub/sub announcement of each release, with a
 * slow poll behind it. Not fair across processes: in-process callers queue in call order before they get here.
 *
 * @example
 * const lock = new RedisLock({ redis, channel: "fsm:released", ttl: 30_000, logger: consoleLogger });
 * const lease = await lock.acquire("fsm:bot:chat:user:lock", { wait: 60_000 });
 * try { await work(); } finally { await lease.release(); }
 */
export class RedisLock {
  readonly #settings: RedisLockSettings;
  readonly #commands: LockCommands;
  readonly #waiters = new Map<string, Set<() => void>>();
  #subscriber: Promise<Redis> | undefined;
  #closed = false;

  constructor(settings: RedisLockSettings) {
    this.#settings = settings;
    this.#commands = lockCommands(settings.redis);
  }

  /** The lock's TTL in milliseconds. */
  get ttl(): number {
    return this.#settings.ttl;
  }

  /** The release channel (for scripts that release a lock themselves). */
  get channel(): string {
    return this.#settings.channel;
  }

  /**
   * Takes the lock `name`, waiting for releases up to `wait` ms. Time spent on Redis itself (commands queued
   * while it is unreachable) does not count: an outage delays the lock, it does not time it out.
   * Rejects with {@link LockTimeoutError} when a holder kept it all that time.
   */
  async acquire(name: string, options: AcquireOptions): Promise<LockLease> {
    const { wait, signal } = options;
    const token = randomUUID();
    let waited = 0;
    for (;;) {
      signal?.throwIfAborted();
      // Listening before trying, so that a release between a failed try and the wait is not missed.
      const released = this.#subscriber === undefined ? undefined : this.#listen(name);
      let taken: boolean;
      try {
        taken = (await this.#commands.tcLockAcquire(name, token, this.#settings.ttl)) === 1;
      } catch (error) {
        released?.cancel();
        throw error;
      }
      if (taken) {
        released?.cancel();
        return new LockLease(name, token, this.#settings, this.#commands);
      }
      if (waited >= wait) {
        released?.cancel();
        throw new LockTimeoutError(name, waited);
      }
      if (released === undefined) {
        // The first contention of this lock object: subscribe, then try again at once.
        await this.#subscribe();
        continue;
      }
      const started = performance.now();
      await released.within(Math.min(pollInterval, wait - waited), signal);
      waited += performance.now() - started;
    }
  }

  /** Stops listening for releases. Leases still held keep renewing until released. */
  async close(): Promise<void> {
    this.#closed = true;
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    for (const wakers of this.#waiters.values()) for (const wake of wakers) wake();
    this.#waiters.clear();
    if (subscriber !== undefined) await (await subscriber).quit().catch(() => undefined);
  }

  #subscribe(): Promise<Redis> {
    this.#subscriber ??= (async () => {
      const subscriber = this.#settings.redis.duplicate();
      subscriber.on("error", () => {
        // The command connection reports outages; this one reconnects and resubscribes by itself.
      });
      subscriber.on("message", (_channel: string, name: string) => {
        const wakers = this.#waiters.get(name);
        if (wakers === undefined) return;
        this.#waiters.delete(name);
        for (const wake of wakers) wake();
      });
      await subscriber.subscribe(this.#settings.channel);
      return subscriber;
    })();
    return this.#subscriber;
  }

  #listen(name: string): { within(ms: number, signal?: AbortSignal): Promise<void>; cancel(): void } {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    let wakers = this.#waiters.get(name);
    if (wakers === undefined) {
      wakers = new Set();
      this.#waiters.set(name, wakers);
    }
    wakers.add(wake);
    const cancel = () => {
      const set = this.#waiters.get(name);
      set?.delete(wake);
      if (set?.size === 0) this.#waiters.delete(name);
    };
    return {
      cancel,
      within: async (ms, signal) => {
        if (this.#closed) return;
        let timer: NodeJS.Timeout | undefined;
        let onAbort: (() => void) | undefined;
        try {
          await Promise.race([
            woken,
            new Promise<void>((resolve) => {
              timer = setTimeout(resolve, ms);
              onAbort = resolve;
              signal?.addEventListener("abort", onAbort, { once: true });
            }),
          ]);
        } finally {
          clearTimeout(timer);
          if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
          cancel();
        }
      },
    };
  }
}

/**
 * A held lock: renewed every third of the TTL until released. If a renewal finds the lock gone (the process
 * stalled past the TTL, or Redis lost it), the lease is `lost` and a warning is logged: another holder may
 * have it by now.
 */
export class LockLease {
  readonly name: string;
  readonly token: string;
  readonly #commands: LockCommands;
  readonly #settings: RedisLockSettings;
  readonly #timer: NodeJS.Timeout;
  #lost = false;

  constructor(name: string, token: string, settings: RedisLockSettings, commands: LockCommands) {
    this.name = name;
    this.token = token;
    this.#settings = settings;
    this.#commands = commands;
    this.#timer = setInterval(() => void this.#renew(), Math.max(1, Math.floor(settings.ttl / 3)));
    this.#timer.unref();
  }

  /** Whether a renewal found the lock taken from this holder. */
  get lost(): boolean {
    return this.#lost;
  }

  /** Releases the lock (compare-and-delete); false when it was no longer this holder's. */
  async release(): Promise<boolean> {
    this.detach();
    const released = await this.#commands.tcLockRelease(this.name, this.token, this.#settings.channel);
    return released === 1;
  }

  /** Stops renewing, for a script that releases the lock itself. */
  detach(): void {
    clearInterval(this.#timer);
  }

  async #renew(): Promise<void> {
    try {
      const renewed = await this.#commands.tcLockRenew(this.name, this.token, this.#settings.ttl);
      if (renewed === 1 || this.#lost) return;
      this.#lost = true;
      this.detach();
      this.#settings.logger.warn(
        `The lock "${this.name}" expired while held (a stall or a Redis outage longer than its TTL); another holder may run at the same time`,
      );
    } catch {
      // A renewal that fails on a closed connection is the last one; the release (or the TTL) ends the lock.
    }
  }
}
