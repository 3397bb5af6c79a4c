const brand = Symbol.for("@tc/TrueConfChatBotError");

/**
 * Base class of every error the SDK throws. `instanceof` also recognises instances made by the other module
 * format of this package (an ESM and a CommonJS copy loaded side by side), through a global brand.
 *
 * @example
 * try { await bot.sendMessage({ chatId, text }); }
 * catch (e) { if (e instanceof TrueConfChatBotError) console.error(e.name, e.message); }
 */
export class TrueConfChatBotError extends Error {
  /** Marks instances so that another loaded copy of this class recognises them. */
  readonly [brand] = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== TrueConfChatBotError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
