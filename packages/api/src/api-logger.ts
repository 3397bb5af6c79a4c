import { describeValue, invalidOption } from "@tc/core";
import type { Logger } from "@tc/transport";

const ignore = (): void => {};

/** The default logger of an Api: drops everything. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

const levels = ["debug", "info", "warn", "error"] as const;

/** The `logger` option: an object with the four level methods; `undefined` takes the silent logger. */
export function requireLogger(value: unknown): Logger {
  if (value === undefined) return silentLogger;
  const candidate = value as Partial<Record<(typeof levels)[number], unknown>> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    levels.some((l) => typeof candidate[l] !== "function")
  ) {
    throw invalidOption(
      "logger",
      `expected an object with debug, info, warn and error methods, got ${describeValue(value)}`,
    );
  }
  return value as Logger;
}
