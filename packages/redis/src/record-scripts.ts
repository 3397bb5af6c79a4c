import { scriptCommands } from "./script-commands.js";

/*
 * The FSM record writes as Lua scripts: each write is one command, atomic on the server, and resent whole if
 * the connection breaks before its answer (a MULTI block cut by a reconnect can desynchronise the client's
 * replies). KEYS[1] is the record's state key, KEYS[2] its data hash; ARGV[1] the record TTL in ms (0: none),
 * refreshed on both keys by every write.
 */

const refresh = `
local function refresh(ttl)
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
end
`;

/** ARGV[2]: "1" to set ARGV[3] as the state, "0" to remove it. */
const setState = `${refresh}
if ARGV[2] == '1' then redis.call('SET', KEYS[1], ARGV[3]) else redis.call('DEL', KEYS[1]) end
refresh(tonumber(ARGV[1]))
return 1`;

/** ARGV[2..]: field, text, field, text… replacing the whole hash. */
const setData = `${refresh}
redis.call('DEL', KEYS[2])
if #ARGV > 1 then redis.call('HSET', KEYS[2], unpack(ARGV, 2)) end
refresh(tonumber(ARGV[1]))
return 1`;

/** ARGV[2]: how many fields to set; then field, text… pairs; then the fields to remove. Returns the hash. */
const updateData = `${refresh}
local count = tonumber(ARGV[2])
local last = 2 + 2 * count
if count > 0 then redis.call('HSET', KEYS[2], unpack(ARGV, 3, last)) end
if #ARGV > last then redis.call('HDEL', KEYS[2], unpack(ARGV, last + 1)) end
if #ARGV > 2 then refresh(tonumber(ARGV[1])) end
return redis.call('HGETALL', KEYS[2])`;

/** The commands the scripts become on a client. */
export interface RecordCommands {
  tcSetState(state: string, data: string, ttl: number, present: "0" | "1", value: string): Promise<number>;
  tcSetData(state: string, data: string, ttl: number, ...fields: string[]): Promise<number>;
  tcUpdateData(
    state: string,
    data: string,
    ttl: number,
    count: number,
    ...fields: string[]
  ): Promise<string[]>;
}

/** The client, with the record scripts defined on it. */
export const recordCommands = scriptCommands<RecordCommands>({
  tcSetState: { numberOfKeys: 2, lua: setState },
  tcSetData: { numberOfKeys: 2, lua: setData },
  tcUpdateData: { numberOfKeys: 2, lua: updateData },
});
