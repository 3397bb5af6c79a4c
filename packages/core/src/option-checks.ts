import { closestName } from "./closest-name.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";

/*
 * Checks of user-given options, shared by every layer so that one mistake reads the same everywhere. Values are
 * described by their type only, never echoed: an option may hold a secret.
 */

/** Largest delay Node timers support; a larger one fires at once. */
export const maxTimerDelay = 2 ** 31 - 1;

/**
 * A value's type in a few words, for error messages (`a string`, `null`, `an array`, `NaN`). Never the value.
 *
 * @example
 * describeValue("secret"); // "a string"
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  const type = typeof value;
  return type === "object" || type === "undefined" ? type : `a ${type}`;
}

/** The typed error of a bad option, naming it: `Invalid timeout: expected a number, got a string`. */
export function invalidOption(name: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`Invalid ${name}: ${message}`);
}

/**
 * Checks that `options` is a plain object (or `undefined`, read as `{}`) whose keys are all in `known`. An
 * unknown key is an error that suggests the nearest known one, so a typo never passes as a silent default.
 *
 * @example
 * checkOptions("Bot options", { webport: 443 }, ["webPort", "https"]);
 * // InvalidArgumentError: Bot options: unknown option "webport" (did you mean "webPort"?)
 */
export function checkOptions<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
): T {
  if (options === undefined) return {} as T;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where} must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    throw new InvalidArgumentError(
      `${where}: unknown option "${key}"${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}`,
    );
  }
  return options;
}

/** A boolean flag; `undefined` takes the fallback. */
export function requireBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    throw invalidOption(name, `expected a boolean, got ${describeValue(value)}`);
  return value;
}

/** Bounds of {@link requireInteger}. */
export interface IntegerBounds {
  /** Smallest accepted value; default 0. */
  min?: number;
  /** Largest accepted value; default `Number.MAX_SAFE_INTEGER`. */
  max?: number;
}

/** A safe integer within bounds; `undefined` takes the fallback. */
export function requireInteger(
  name: string,
  value: unknown,
  fallback: number,
  bounds: IntegerBounds = {},
): number {
  if (value === undefined) return fallback;
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidOption(name, `expected an integer from ${min} to ${max}, got ${describeNumber(value)}`);
  }
  return value;
}

/** Rules of {@link requireDuration}. */
export interface DurationRules {
  /** Accept 0 (for "off"); default false. */
  allowZero?: boolean;
  /**
   * Values from 1 up to this one are rejected as probably meant in seconds. Give it for options whose sensible
   * values are seconds long (a request timeout), not for ones that tests set to a few milliseconds.
   */
  secondsBelow?: number;
}

/**
 * A duration in milliseconds: a finite number above 0 (or 0 when allowed) that a Node timer can hold;
 * `undefined` takes the fallback. A value that only makes sense as seconds is rejected with a message saying so.
 *
 * @example
 * requireDuration("timeout", 10, 10_000, { secondsBelow: 100 });
 * // InvalidArgumentError: Invalid timeout: 10 ms looks like seconds; durations are milliseconds (10 s = 10000)
 */
export function requireDuration(
  name: string,
  value: unknown,
  fallback: number,
  rules: DurationRules = {},
): number {
  if (value === undefined) return fallback;
  const { allowZero = false, secondsBelow = 0 } = rules;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    (value === 0 && !allowZero) ||
    value > maxTimerDelay
  ) {
    const lowest = allowZero ? "0" : "above 0";
    throw invalidOption(
      name,
      `expected milliseconds, ${lowest} and up to ${maxTimerDelay}, got ${describeNumber(value)}`,
    );
  }
  if (value > 0 && value < secondsBelow) {
    throw invalidOption(
      name,
      `${value} ms looks like seconds; durations are milliseconds (${value} s = ${value * 1000})`,
    );
  }
  return value;
}

/** Numbers are safe to show (they are never secrets); everything else by its type. */
function describeNumber(value: unknown): string {
  return typeof value === "number" && !Number.isNaN(value) ? String(value) : describeValue(value);
}
