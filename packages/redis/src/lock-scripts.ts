import { scriptCommands } from "./script-commands.js";

/*
 * The Lua scripts of the locks and claims, defined on a client as commands. Each script reads and writes in one
 * step, so no other client's command falls between the check and the write.
 */

/** SET NX PX with the holder's token; taking it again with the same token renews it (a resent command after a reconnect). */
const acquire = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;

/** Extends the lock only while the token still holds it. */
const renew = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Compare-and-delete: only the holder's token removes the lock; waiters are told on the channel. */
const release = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], KEYS[1])
  return 1
end
return 0`;

/**
 * Claims an event under its order lock (KEYS[2], held with ARGV[4]). A finished event is not claimed again: the
 * lock is released at once and "done" returned. Otherwise the claim records the replica and what was there
 * before: "new", or the claim of a replica that died before finishing (a takeover).
 */
const claim = `
local previous = redis.call('GET', KEYS[1])
if previous == 'done' then
  if redis.call('GET', KEYS[2]) == ARGV[4] then
    redis.call('DEL', KEYS[2])
    redis.call('PUBLISH', ARGV[3], KEYS[2])
  end
  return 'done'
end
redis.call('SET', KEYS[1], 'run:' .. ARGV[1], 'PX', ARGV[2])
-- Our own claim: this very command, resent after a reconnect.
if previous and previous ~= 'run:' .. ARGV[1] then return previous end
return 'new'`;

/** Marks the event finished and releases its order lock, in one step. */
const finish = `
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('DEL', KEYS[2])
  redis.call('PUBLISH', ARGV[3], KEYS[2])
  return 1
end
return 0`;

/** The commands the scripts become on a client. */
export interface LockCommands {
  tcLockAcquire(lock: string, token: string, ttl: number): Promise<number>;
  tcLockRenew(lock: string, token: string, ttl: number): Promise<number>;
  tcLockRelease(lock: string, token: string, channel: string): Promise<number>;
  tcClaim(
    claim: string,
    lock: string,
    replica: string,
    claimTtl: number,
    channel: string,
    token: string,
  ): Promise<string>;
  tcFinish(claim: string, lock: string, doneTtl: number, token: string, channel: string): Promise<number>;
}

/** The client, with the lock and claim scripts defined on it. */
export const lockCommands = scriptCommands<LockCommands>({
  tcLockAcquire: { numberOfKeys: 1, lua: acquire },
  tcLockRenew: { numberOfKeys: 1, lua: renew },
  tcLockRelease: { numberOfKeys: 1, lua: release },
  tcClaim: { numberOfKeys: 2, lua: claim },
  tcFinish: { numberOfKeys: 2, lua: finish },
});
