import type { Redis } from "ioredis";

/** One Lua script as an ioredis command: how many of its arguments are keys, and its source. */
export interface ScriptDefinition {
  numberOfKeys: number;
  lua: string;
}

/**
 * The function that gives a client with `scripts` defined on it as commands (once per client, however many
 * storages share it), typed as `C`. Naming the scripts by `C`'s methods keeps the two from drifting apart.
 * ioredis sends EVALSHA and falls back to EVAL when the server forgot a script, after a restart for example.
 */
export function scriptCommands<C>(scripts: Record<keyof C & string, ScriptDefinition>): (redis: Redis) => C {
  const equipped = new WeakSet<Redis>();
  return (redis) => {
    if (!equipped.has(redis)) {
      for (const [name, definition] of Object.entries<ScriptDefinition>(scripts)) {
        redis.defineCommand(name, definition);
      }
      equipped.add(redis);
    }
    return redis as unknown as C;
  };
}
