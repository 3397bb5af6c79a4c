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

/**
 * Bad input to the emulator's control API (an unknown protocol option, a port out of range, an unknown account…).
 * Thrown before anything is started or changed.
 *
 * @example
 * await Emulator.start({ port: -1 }); // throws EmulatorConfigError
 */
export class EmulatorConfigError extends TrueConfChatBotError {}

/**
 * A wait helper (`waitFor`, `waitForRequest`) whose condition did not hold in time.
 *
 * @example
 * await emu.waitForRequest("sendMessage", { timeout: 100 }).catch((e) => e instanceof WaitTimeoutError);
 */
export class WaitTimeoutError extends TrueConfChatBotError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, timeout: number) {
    super(message);
    this.timeout = timeout;
  }
}
