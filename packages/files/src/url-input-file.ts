import { requireInteger } from "@tc/core";
import { fileNameFromContentDisposition } from "./content-disposition.js";
import { fileNameFromUrl } from "./file-name.js";
import {
  contentLengthOf,
  DEFAULT_MAX_REDIRECTS,
  discardBody,
  type FollowedResponse,
  getFollowingRedirects,
  headerValue,
  parseHttpUrl,
} from "./http-get.js";
import { InputFile, type InputFileOptions, type SourceFacts } from "./input-file.js";
import { InputFileError } from "./input-file-error.js";
import { redactUrl } from "./redact-url.js";
import { SNIFF_BYTES } from "./sniff-file-type.js";
import { DownloadError } from "./transfer-errors.js";
import {
  checkTransferOptionNames,
  resolveTransferOptions,
  type TransferOptions,
  TransferScope,
  type TransferSettings,
  transferOptionKeys,
} from "./transfer-scope.js";

const urlInputFileOptionKeys = [
  "fileName",
  "mimeType",
  "fileSize",
  "headers",
  "maxRedirects",
  ...transferOptionKeys.filter((key) => key !== "signal"),
];

/** Options of a {@link URLInputFile}. */
export interface URLInputFileOptions extends InputFileOptions, Omit<TransferOptions, "signal"> {
  /** Extra request headers (an `Authorization`, say); dropped on a redirect to another origin. */
  headers?: Record<string, string>;
  /** The size, when known in advance; saves measuring a response that has no `Content-Length`. */
  fileSize?: number;
  /** Redirects followed before failing; default 5. */
  maxRedirects?: number;
}

/**
 * A file fetched from an http(s) URL and streamed straight into the upload, never held in memory.
 * `describe()` learns the name (Content-Disposition, else the URL path), the size (Content-Length)
 * and the type (first bytes, else Content-Type) from one GET that reads at most the first 4100 bytes.
 * When the server sends no Content-Length, that GET reads the whole body, counting and discarding
 * it, so the size is exact without holding the file; the upload then fetches it again.
 *
 * @example
 * const file = new URLInputFile("https://example.com/chart.png", { headers: { Authorization: "Bearer …" } });
 * await bot.sendPhoto({ chatId, file });
 */
export class URLInputFile extends InputFile {
  /** The URL the bytes are fetched from. */
  readonly url: URL;
  readonly #options: URLInputFileOptions;
  readonly #maxRedirects: number;
  /** The connection options, checked and resolved once (a `verifySsl` CA file is read here). */
  readonly #settings: TransferSettings;

  /**
   * @throws InputFileError for an invalid URL, a scheme other than http/https, bad headers, name, type or size.
   * @throws InvalidArgumentError for an unknown option, a bad `timeout`, `maxRedirects` or `verifySsl`.
   */
  constructor(url: string | URL, options: URLInputFileOptions = {}) {
    const parsed = parseHttpUrl(url);
    if (!parsed) {
      throw new InputFileError(
        `URLInputFile: expected an http or https URL, got ${JSON.stringify(redactUrl(url))}`,
      );
    }
    const o = checkTransferOptionNames("URLInputFile options", options, urlInputFileOptionKeys);
    assertHeaders(o.headers);
    const maxRedirects = requireInteger("maxRedirects", o.maxRedirects, DEFAULT_MAX_REDIRECTS);
    const settings = resolveTransferOptions(o);
    super(o, "URLInputFile");
    this.url = parsed;
    this.#options = o;
    this.#maxRedirects = maxRedirects;
    this.#settings = settings;
  }

  /** A new `URLInputFile` for the same URL and options. */
  override clone(): URLInputFile {
    return new URLInputFile(this.url, this.#options);
  }

  protected override async inspect(needHead: boolean): Promise<SourceFacts> {
    // Everything given: nothing to learn, so no request at all.
    if (!needHead && this.fileSize !== undefined && this.fileName !== undefined) return {};
    return this.#fetch(async (response, scope) => {
      const facts: SourceFacts = {
        fileName:
          fileNameFromContentDisposition(headerValue(response.headers, "content-disposition")) ??
          fileNameFromUrl(response.url),
        mimeType: headerValue(response.headers, "content-type"),
      };
      const declaredSize = this.fileSize ?? contentLengthOf(response.headers);
      const head: Uint8Array[] = [];
      let headBytes = 0;
      let total = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        scope.touch();
        total += chunk.byteLength;
        if (headBytes < SNIFF_BYTES) {
          head.push(chunk);
          headBytes += chunk.byteLength;
        }
        // With a known size, only the first bytes are needed; otherwise keep counting to the end.
        if (declaredSize !== null && headBytes >= SNIFF_BYTES) break;
      }
      facts.fileSize = declaredSize ?? total;
      facts.head = Buffer.concat(head).subarray(0, SNIFF_BYTES);
      return facts;
    });
  }

  protected override async *read(): AsyncGenerator<Uint8Array> {
    // A generator cannot hand out chunks from inside a callback, so the scope is managed here.
    const scope = this.#openScope();
    try {
      const response = await this.#get(scope);
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        scope.touch();
        yield chunk;
      }
    } catch (error) {
      throw this.#failure(scope, error);
    } finally {
      await scope.close();
    }
  }

  async #fetch<T>(use: (response: FollowedResponse, scope: TransferScope) => Promise<T>): Promise<T> {
    const scope = this.#openScope();
    try {
      return await use(await this.#get(scope), scope);
    } catch (error) {
      throw this.#failure(scope, error);
    } finally {
      await scope.close();
    }
  }

  #openScope(): TransferScope {
    return TransferScope.open(this.#settings);
  }

  async #get(scope: TransferScope): Promise<FollowedResponse> {
    const response = await getFollowingRedirects(this.url, {
      dispatcher: scope.httpDispatcher,
      signal: scope.signal,
      maxRedirects: this.#maxRedirects,
      headers: this.#options.headers,
    });
    scope.touch();
    if (response.statusCode < 200 || response.statusCode > 299) {
      discardBody(response.body);
      throw new DownloadError(
        `URLInputFile: ${redactUrl(this.url)} answered HTTP ${response.statusCode}`,
        response.statusCode,
      );
    }
    return response;
  }

  #failure(scope: TransferScope, error: unknown): unknown {
    return scope.failure(
      error,
      (message, cause) =>
        new DownloadError(`URLInputFile: fetching ${redactUrl(this.url)} failed: ${message}`, null, {
          cause,
        }),
    );
  }
}

function assertHeaders(headers: unknown): void {
  if (headers === undefined) return;
  const valid =
    typeof headers === "object" &&
    headers !== null &&
    Object.entries(headers).every(([, value]) => typeof value === "string" && !/[\r\n\0]/.test(value));
  if (!valid) throw new InputFileError("URLInputFile: headers must map names to single-line strings");
}
