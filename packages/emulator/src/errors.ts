/**
 * Base class of every error the emulator throws. It is deliberately not an SDK error: the emulator stands in for
 * a server, so a test can tell "the client under test failed" (an SDK error) from "the test harness was used
 * wrongly or timed out" (an `EmulatorError`) with one `instanceof`.
 *
 * @example
 * try { await Emulator.start({ port: -1 }); }
 * catch (e) { if (e instanceof EmulatorError) console.error(e.name, e.message); } // EmulatorConfigError …
 */
export class EmulatorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad input to the emulator's control API (an unknown protocol option, a port out of range, an unknown account…).
 * Thrown before anything is started or changed.
 *
 * @example
 * await Emulator.start({ port: -1 }); // throws EmulatorConfigError
 */
export class EmulatorConfigError extends EmulatorError {}

/**
 * A wait helper (`waitFor`, `waitForRequest`, `waitForFrame`) whose condition did not hold in time.
 *
 * @example
 * await emu.waitForRequest("sendMessage", { timeout: 100 }).catch((e) => e instanceof WaitTimeoutError);
 */
export class WaitTimeoutError extends EmulatorError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, timeout: number) {
    super(message);
    this.timeout = timeout;
  }
}
