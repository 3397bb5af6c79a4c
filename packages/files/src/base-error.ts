const brand = Symbol.for("@tc/TrueConfChatBotError");
/** Base class of every error this SDK throws; `instanceof` works across packages and module formats. */
export class TrueConfChatBotError extends Error {
  /** Marks instances so that copies of this class in other @tc packages recognise them. */
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
