import { describeValue, InvalidArgumentError, type Logger } from "@tc/router";
import { Redis, type RedisOptions } from "ioredis";

/**
 * Where to reach Redis: a URL (`redis://127.0.0.1:6379/0`), ioredis options, or an ioredis client you made
 * (kept open by `close()`: it is yours).
 */
export type RedisSource = string | RedisOptions | Redis;

/** An open client, and whether this package made it (and so closes it). */
export interface RedisConnection {
  readonly client: Redis;
  readonly owned: boolean;
}

/**
 * Opens the client of `source`. A client made here waits through an outage instead of failing commands
 * (`maxRetriesPerRequest: null`; commands queue while it reconnects and run once Redis is back), and logs the
 * outage once, not once per reconnect attempt.
 */
export function openRedis(where: string, source: RedisSource | undefined, logger: Logger): RedisConnection {
  if (source instanceof Redis) return { client: source, owned: false };
  let client: Redis;
  const defaults: RedisOptions = { maxRetriesPerRequest: null };
  if (source === undefined) client = new Redis(defaults);
  else if (typeof source === "string") {
    if (!/^rediss?:\/\//.test(source)) {
      throw new InvalidArgumentError(`Invalid ${where} redis: expected a redis:// or rediss:// URL`);
    }
    client = new Redis(source, defaults);
  } else if (typeof source === "object" && source !== null && !Array.isArray(source)) {
    client = new Redis({ ...defaults, ...source });
  } else {
    throw new InvalidArgumentError(
      `Invalid ${where} redis: expected a URL, ioredis options or an ioredis client, got ${describeValue(source)}`,
    );
  }
  reportOutages(where, client, logger);
  return { client, owned: true };
}

/** One warning when the connection fails, one note when it is back (ioredis would print every attempt). */
export function reportOutages(where: string, client: Redis, logger: Logger): void {
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    // The message names the host and port, never a password (ioredis leaves it out of its errors).
    logger.warn(`${where}: Redis is unreachable (${error.message}); commands wait until it is back`);
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info(`${where}: Redis is reachable again`);
  });
}
