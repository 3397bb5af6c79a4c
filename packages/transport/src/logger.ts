/**
 * Where the transport writes what it does. Any object with these four methods works (`console`, pino, …).
 * Nothing the transport logs ever contains a token or a password.
 */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const ignore = (): void => {};

/** The default logger: drops everything. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/**
 * The same logger with every call wrapped so that it can never throw into the transport: a logger that throws
 * (a full disk, a bug in a custom sink) would otherwise escape from inside a socket listener and crash the
 * process or leave a connection half torn down. What it threw is dropped; there is nowhere left to report it.
 */
export function guardLogger(logger: Logger): Logger {
  const guard =
    (level: keyof Logger) =>
    (message: string, ...details: unknown[]): void => {
      try {
        logger[level](message, ...details);
      } catch {
        // The logger is the only channel there is; a failing one is ignored rather than allowed to break I/O.
      }
    };
  return { debug: guard("debug"), info: guard("info"), warn: guard("warn"), error: guard("error") };
}

/**
 * An error as one log line: its name and message, and its `code` when the runtime set one (ECONNREFUSED …).
 * Only used for errors the SDK builds or gets from the network stack, none of which carry a token or password.
 * Never throws: what a listener or a token provider threw may be anything, even an object that cannot be printed.
 */
export function describeError(error: unknown): string {
  try {
    if (!(error instanceof Error)) return String(error);
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code)
      ? `${error.name}: ${code} ${error.message}`
      : `${error.name}: ${error.message}`;
  } catch {
    return "an unprintable value";
  }
}
