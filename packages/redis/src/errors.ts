import { InvalidArgumentError, TrueConfChatBotError } from "@tc/router";

/**
 * A Redis lock could not be taken within its bounded wait: another holder kept it the whole time. The lock's name
 * says which record or chat; the holder is not named (it is another process's random token).
 *
 * @example
 * router.error(ExceptionTypeFilter(LockTimeoutError), (event) => console.warn(event.error.message));
 */
export class LockTimeoutError extends TrueConfChatBotError {
  /** The Redis key of the lock. */
  readonly lockName: string;
  /** Milliseconds spent waiting for a release (time spent waiting for Redis itself, in an outage, not counted). */
  readonly waited: number;

  constructor(lockName: string, waited: number) {
    super(
      `Could not take the lock "${lockName}" within ${Math.round(waited)} ms: another holder kept it (raise lockWait, or shorten the handlers that hold it)`,
    );
    this.lockName = lockName;
    this.waited = waited;
  }
}

/**
 * FSM data that would not read back as it was written: a function, a cycle, a `BigInt` without a serializer
 * that handles it, `undefined` inside an array, a `Date`, a class instance, `NaN`... Thrown by `setData` and
 * `updateData` before anything is written. The message names where in the data (`data.items[2]`) and what the
 * value is by its type, never the value itself.
 *
 * @example
 * await ctx.state.updateData({ when: new Date() });
 * // UnserializableDataError: FSM data at data.when cannot be stored: a Date would read back as a string; store date.toISOString() or date.getTime()
 */
export class UnserializableDataError extends InvalidArgumentError {
  /** Where in the data: `data.items[2].when`. */
  readonly path: string;

  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`FSM data at ${path} cannot be stored: ${reason}`, options);
    this.path = path;
  }
}
