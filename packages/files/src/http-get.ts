import { type Dispatcher, request } from "undici";
import { redactUrl } from "./redact-url.js";
import { DownloadError } from "./transfer-errors.js";

/** Redirects followed when a transfer gives no `maxRedirects`. */
export const DEFAULT_MAX_REDIRECTS = 5;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** A response after redirects, with the URL that produced it. */
export interface FollowedResponse {
  /** The URL that answered (after redirects). */
  url: URL;
  /** Its HTTP status. */
  statusCode: number;
  /** Its headers, names in lower case. */
  headers: Dispatcher.ResponseData["headers"];
  /** Its body, not yet read. */
  body: Dispatcher.ResponseData["body"];
}

/** How {@link getFollowingRedirects} sends its requests. */
export interface GetRequestOptions {
  /** Where the requests go through. */
  dispatcher: Dispatcher;
  /** Aborts the request in flight. */
  signal: AbortSignal;
  /** Redirects followed before failing. */
  maxRedirects: number;
  /** Caller headers, sent to the first origin only. */
  headers?: Record<string, string>;
}

/**
 * GETs a URL, following at most `maxRedirects` redirects to http(s) URLs. Caller headers are dropped
 * on a redirect to another origin so that credentials meant for one host never reach another.
 *
 * @throws DownloadError on too many redirects or a redirect to another scheme.
 */
export async function getFollowingRedirects(url: URL, options: GetRequestOptions): Promise<FollowedResponse> {
  let current = url;
  let headers = options.headers;
  for (let redirects = 0; ; redirects++) {
    const response = await request(current, {
      method: "GET",
      dispatcher: options.dispatcher,
      signal: options.signal,
      headers,
    });
    const location = headerValue(response.headers, "location");
    if (!redirectStatuses.has(response.statusCode) || location === undefined) {
      return {
        url: current,
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
      };
    }
    discardBody(response.body);
    if (redirects >= options.maxRedirects) {
      throw new DownloadError(
        `Too many redirects (more than ${options.maxRedirects}) starting at ${redactUrl(url)}`,
        response.statusCode,
      );
    }
    const next = new URL(location, current);
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      throw new DownloadError(`Redirect to an unsupported scheme "${next.protocol}"`, response.statusCode);
    }
    if (next.origin !== current.origin) headers = undefined;
    current = next;
  }
}

/**
 * Throws a response body away without reading it. undici reports the abandoned read as an error on
 * the stream; it is expected here, so it is swallowed instead of surfacing as an uncaught exception.
 */
export function discardBody(body: FollowedResponse["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

/** The first value of a response header, or `undefined`. */
export function headerValue(headers: FollowedResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The `Content-Length` of a response as a byte count, or `null` when absent or malformed. */
export function contentLengthOf(headers: FollowedResponse["headers"]): number | null {
  const value = headerValue(headers, "content-length");
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const length = Number(value);
  return Number.isSafeInteger(length) ? length : null;
}

/**
 * Parses and checks a transfer URL: only `http:` and `https:` are accepted.
 *
 * @returns the parsed URL, or `undefined` when it is not a valid http(s) URL.
 */
export function parseHttpUrl(url: unknown): URL | undefined {
  if (typeof url !== "string" && !(url instanceof URL)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
