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
 * An error as one log line: its name and message, and its `code` when the runtime set one (ECONNREFUSED …).
 * Only used for errors the SDK builds or gets from the network stack, none of which carry a token or password.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && !error.message.includes(code)
    ? `${error.name}: ${code} ${error.message}`
    : `${error.name}: ${error.message}`;
}
