import type { Bot } from "@tc/bot";
import type { Emulator } from "@tc/emulator";

/**
 * What the bot still has to do, from both ends of the socket: handlers running or queued in its dispatcher,
 * pushes held by a paused connection, requests not answered yet, and events the emulator pushed that the bot
 * has not acked (still on the wire). Empty when the bot has handled everything the world sent it.
 */
export function pendingWork(bot: Bot, emulator: Emulator, botUserId: string): string[] {
  const work: string[] = [];
  const { running, queued } = bot.dispatcher;
  if (running > 0) work.push(count(running, "handler", "running"));
  if (queued > 0) work.push(count(queued, "event", "queued in the dispatcher"));
  const held = bot.transport.heldUpdates;
  if (held > 0) work.push(count(held, "event", "held by the paused connection"));
  const requests = bot.transport.pending.queued + bot.transport.pending.inFlight;
  if (requests > 0) work.push(count(requests, "request", "not answered yet"));
  const me = botUserId.toLowerCase();
  const unacked = emulator.sessions
    .filter((session) => session.open && session.userId?.toLowerCase() === me)
    .reduce((sum, session) => sum + session.pendingAcks, 0);
  if (unacked > 0) work.push(count(unacked, "event", "pushed and not acked yet"));
  if (!bot.healthCheck().authorized) work.push("the bot is not connected");
  return work;
}

function count(n: number, noun: string, state: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"} ${state}`;
}

/** Resolves after the current macrotask and the I/O already due (socket reads included). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The last `lines` lines of a long text, with a note of what was cut. */
export function lastLines(text: string, lines: number): string {
  const all = text.split("\n");
  if (all.length <= lines) return text;
  return [`… ${all.length - lines} earlier lines`, ...all.slice(-lines)].join("\n");
}
