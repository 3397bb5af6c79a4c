import { type Dispatcher, request } from "undici";
import * as v from "valibot";
import { ServerInfoUnavailableError, UnsupportedServerVersionError } from "./errors/server-info-errors.js";

/** The oldest server version with every method this Api offers. */
const minimumServerVersion = "5.5.3";

const serverInfoSchema = v.looseObject({
  product: v.looseObject({ display_name: v.optional(v.string()), version: v.optional(v.string()) }),
});

/** What `GET /api/v4/server` tells about the server. */
export interface ServerProduct {
  /** The domain appended to bare user ids (`product.display_name`). */
  readonly displayName: string | undefined;
  /** `product.version`, e.g. `"5.5.3"`. */
  readonly version: string | undefined;
}

/**
 * Reads and caches `GET /api/v4/server`. A successful answer is kept for the life of the Api; a failure is not,
 * so the next call tries again.
 */
export class ServerInfo {
  readonly #baseUrl: string | undefined;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #timeoutMs: number;
  #product: Promise<ServerProduct> | undefined;

  constructor(baseUrl: string | undefined, dispatcher: Dispatcher | undefined, timeoutMs: number) {
    this.#baseUrl = baseUrl;
    this.#dispatcher = dispatcher;
    this.#timeoutMs = timeoutMs;
  }

  /** The cached product, fetched on first use. */
  product(): Promise<ServerProduct> {
    if (this.#product === undefined) {
      const pending = this.#fetch();
      this.#product = pending;
      pending.catch(() => {
        if (this.#product === pending) this.#product = undefined;
      });
    }
    return this.#product;
  }

  /** The server's domain (`product.display_name`); a missing one is a `ServerInfoUnavailableError`. */
  async name(): Promise<string> {
    const { displayName } = await this.product();
    if (displayName === undefined || displayName === "") {
      throw new ServerInfoUnavailableError(
        "GET /api/v4/server did not name the server (product.display_name).",
      );
    }
    return displayName;
  }

  /** The server's version (`product.version`); a missing one is a `ServerInfoUnavailableError`. */
  async version(): Promise<string> {
    const { version } = await this.product();
    if (version === undefined || version === "") {
      throw new ServerInfoUnavailableError("GET /api/v4/server did not report a version (product.version).");
    }
    return version;
  }

  /** The version, if at least 5.5.3 (compared numerically part by part); an unparseable one passes. */
  async checkVersion(): Promise<string> {
    const version = await this.version();
    const parts = version.split(".").map((part) => Number.parseInt(part, 10));
    const minimum = minimumServerVersion.split(".").map(Number);
    if (parts.slice(0, 3).some((part) => Number.isNaN(part))) return version;
    for (let i = 0; i < minimum.length; i++) {
      const have = parts[i] ?? 0;
      const need = minimum[i] ?? 0;
      if (have > need) return version;
      if (have < need) throw new UnsupportedServerVersionError(version, minimumServerVersion);
    }
    return version;
  }

  async #fetch(): Promise<ServerProduct> {
    if (this.#baseUrl === undefined) {
      throw new ServerInfoUnavailableError("Server info is unavailable: the requester has no httpBaseUrl.");
    }
    const url = new URL("/api/v4/server", this.#baseUrl).toString();
    let body: unknown;
    try {
      const response = await request(url, {
        method: "GET",
        dispatcher: this.#dispatcher,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new ServerInfoUnavailableError(`GET /api/v4/server answered HTTP ${response.statusCode}.`);
      }
      body = await response.body.json();
    } catch (error) {
      if (error instanceof ServerInfoUnavailableError) throw error;
      throw new ServerInfoUnavailableError("GET /api/v4/server failed.", { cause: error });
    }
    const parsed = v.safeParse(serverInfoSchema, body);
    if (!parsed.success)
      throw new ServerInfoUnavailableError("GET /api/v4/server answered without `product`.");
    return { displayName: parsed.output.product.display_name, version: parsed.output.product.version };
  }
}
