import type { Logger } from "@tc/api";

// The one Logger type of the SDK (the transport's, re-exported by @tc/api); the router re-exports it for its users.
export type { Logger };

const ignore = (): void => {};

/**
 * The default logger of a {@link Dispatcher}: warnings and errors go to `console.error` (stderr, so that they
 * never mix with a bot's own output), debug and info are dropped.
 */
export const consoleLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: (message, ...details) => console.error(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};
