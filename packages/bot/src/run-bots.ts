/** What `runBots` needs of a bot. */
export interface RunnableBot {
  /** Connects and serves until stopped; when it rejects, `stopped` settles too. */
  start(): Promise<void>;
  /** Resolves when the bot has stopped after `shutdown`; rejects with the error that stopped it otherwise. */
  readonly stopped: Promise<void>;
  /** Drains and stops. */
  shutdown(options?: { deadline?: number }): Promise<unknown>;
}

/** Options of {@link runBots} and `bot.run()`. */
export interface RunOptions {
  /** Install one SIGINT/SIGTERM handler that drains every bot (default true); removed once they stop. */
  handleSignals?: boolean;
  /** How long the drain after a signal may take, in ms (default 10 000). */
  shutdownDeadline?: number;
}

/**
 * Runs several bots in one process: starts them all, and resolves when every one has stopped. With
 * `handleSignals` (the default) one SIGINT/SIGTERM handler drains every bot, whatever the number of bots; a
 * second signal while draining exits at once. A bot that fails to start, or stops on a fatal error, makes the
 * others drain too, and the promise rejects with that error.
 *
 * @example
 * await runBots([supportBot, alertsBot]);
 */
export async function runBots(bots: readonly RunnableBot[], options: RunOptions = {}): Promise<void> {
  const { handleSignals = true, shutdownDeadline = 10_000 } = options;
  let draining = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining) process.exit(signal === "SIGINT" ? 130 : 143);
    draining = true;
    for (const bot of bots) void bot.shutdown({ deadline: shutdownDeadline });
  };
  if (handleSignals) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  try {
    try {
      // A bot asked to stop while connecting rejects start() but its `stopped` resolves: a stop, not a failure.
      await Promise.all(bots.map((bot) => bot.start().catch(() => bot.stopped)));
      await Promise.all(bots.map((bot) => bot.stopped));
    } catch (error) {
      await Promise.allSettled(bots.map((bot) => bot.shutdown({ deadline: shutdownDeadline })));
      throw error;
    }
  } finally {
    if (handleSignals) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }
}
