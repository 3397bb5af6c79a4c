import { inspect } from "node:util";
import type { Logger } from "@tc/transport";
import { redact } from "./redact.js";

/** The log levels, least severe first. */
const levels = ["debug", "info", "warn", "error"] as const;

/**
 * The default sink: warnings and errors to stderr, and with `debug` every level. Lines carry the level and the
 * bot's name so that several bots in one process stay readable.
 */
export function consoleLogger(debug: boolean): Logger {
  const write =
    (level: (typeof levels)[number]) =>
    (message: string): void => {
      process.stderr.write(`[tc-bot] ${level}: ${message}\n`);
    };
  const drop = (): void => {};
  return {
    debug: debug ? write("debug") : drop,
    info: debug ? write("info") : drop,
    warn: write("warn"),
    error: write("error"),
  };
}

/**
 * Wraps the user's logger so that no line reaches it with a secret in it: the message and its details are
 * rendered to one string, redacted (the bot's token and password, and anything shaped like a token, an
 * Authorization header or a signed URL), and handed over as a single argument. A throwing logger is ignored.
 *
 * @example
 * const log = redactingLogger(console, () => [token]);
 */
export function redactingLogger(sink: Logger, secrets: () => Iterable<string>): Logger {
  const wrap =
    (level: (typeof levels)[number]) =>
    (message: string, ...details: unknown[]): void => {
      try {
        const line = [
          message,
          ...details.map((d) => (typeof d === "string" ? d : inspect(d, { depth: 4 }))),
        ].join(" ");
        sink[level](redact(line, secrets()));
      } catch {
        // A logger is where failures are reported; a broken one must not break the bot.
      }
    };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}
