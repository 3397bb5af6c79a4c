/**
 * Where the dispatcher reports what no error observer handled. Any object with these four methods works
 * (`console`, pino, the transport's logger, …).
 */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

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
