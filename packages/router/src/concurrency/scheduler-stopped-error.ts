import { TrueConfChatBotError } from "@tc/api";

/**
 * A task the {@link Scheduler} did not run because it was stopping: `run()` called after `stop()`, or a task still
 * waiting when the stop deadline passed. It is also the abort reason of tasks cut while running.
 *
 * @example
 * try { await scheduler.run("chat1", task); }
 * catch (error) { if (error instanceof SchedulerStoppedError) return; throw error; }
 */
export class SchedulerStoppedError extends TrueConfChatBotError {}
