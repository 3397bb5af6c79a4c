import { TrueConfChatBotError } from "./base-error.js";

/**
 * A numeric limit was exceeded: a file size, a text or caption length, a title length.
 *
 * @example
 * try { await message.answer(longText); }
 * catch (e) { if (e instanceof LimitExceededError) console.log(`${e.actualValue} > ${e.limit}`); }
 */
export class LimitExceededError extends TrueConfChatBotError {
  /** The value that was too large. */
  readonly actualValue: number;
  /** The largest allowed value. */
  readonly limit: number;
  constructor(message: string, actualValue: number, limit: number, options?: ErrorOptions) {
    super(message, options);
    this.actualValue = actualValue;
    this.limit = limit;
  }
}
