import { EmulatorError } from "../errors.js";
import type { WorldErrorCode } from "./error-codes.js";

/**
 * A request the world refused, with the wire error code a bot would receive. `World.handle` turns it into an
 * error response; the simulated human (`world.as(user)`) rejects its promise with it.
 *
 * @example
 * await emu.as("alice").send("no-such-chat", "hi").catch((e) => e.errorCode); // 304
 */
export class WorldRequestError extends EmulatorError {
  /** The wire error code (PROTOCOL.md 7.2). */
  readonly errorCode: WorldErrorCode;
  constructor(errorCode: WorldErrorCode, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}
