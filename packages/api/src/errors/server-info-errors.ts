import { TrueConfChatBotError } from "@tc/core";

/**
 * The server's name or version could not be learned from `GET /api/v4/server` (no HTTP base URL, the request
 * failed, or the body lacks `product`). Calls that need the server domain (bare user ids) fail with it rather
 * than sending `user@undefined`.
 *
 * @example
 * try { await api.createPersonalChat({ userId: "alice" }); }
 * catch (e) { if (e instanceof ServerInfoUnavailableError) console.log(e.message); }
 */
export class ServerInfoUnavailableError extends TrueConfChatBotError {}

/**
 * `checkVersion()` found a server older than this SDK supports (5.5.3).
 *
 * @example
 * try { await api.checkVersion(); } catch (e) { if (e instanceof UnsupportedServerVersionError) process.exit(1); }
 */
export class UnsupportedServerVersionError extends TrueConfChatBotError {
  /** The version the server reported. */
  readonly version: string;
  constructor(version: string, minimum: string) {
    super(`TrueConf Server ${version} is not supported; chat bots of this SDK need ${minimum} or later.`);
    this.version = version;
  }
}
