import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { requireInteger } from "@tc/core";
import { collectBytes } from "./collect-bytes.js";
import { FileSizeTooLargeError } from "./file-validation-errors.js";
import {
  contentLengthOf,
  DEFAULT_MAX_REDIRECTS,
  discardBody,
  type FollowedResponse,
  getFollowingRedirects,
  parseHttpUrl,
} from "./http-get.js";
import { redactUrl } from "./redact-url.js";
import { DownloadError, TransferOptionsError } from "./transfer-errors.js";
import {
  checkProgressCallback,
  checkTransferOptionNames,
  resolveTransferOptions,
  type TransferOptions,
  TransferScope,
  type TransferSettings,
  transferOptionKeys,
} from "./transfer-scope.js";

/** Options shared by {@link downloadFile} and {@link downloadToBuffer}. */
export interface DownloadOptions extends TransferOptions {
  /** The absolute download URL (`downloadUrl` from `getFileInfo`). */
  url: string;
  /** Redirects followed before failing with a {@link DownloadError}; default 5, `0` follows none. */
  maxRedirects?: number;
  /** Told the bytes received so far and the total from `Content-Length` (`null` if the server sent none). */
  onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
}

/** Options of {@link downloadFile}. */
export interface DownloadFileOptions extends DownloadOptions {
  /** The file to write (not a directory); missing parent directories are created. */
  destPath: string;
}

/** Options of {@link downloadToBuffer}. */
export interface DownloadToBufferOptions extends DownloadOptions {
  /** The most bytes to hold in memory; a larger file fails with {@link FileSizeTooLargeError}. */
  maxBytes: number;
}

/**
 * Streams a URL into a file. Bytes go to a temporary file next to `destPath`, which is renamed into
 * place only when the whole body (as long as its `Content-Length`) has arrived; on any failure the
 * temporary file is removed and `destPath` is left untouched.
 *
 * @returns the absolute path written.
 * @throws InvalidArgumentError for invalid options (an unknown name, a bad `timeout`; `TransferOptionsError`
 *   for a bad `url` or a `destPath` that is a directory), before any request.
 * @throws DownloadError on a non-2xx status, too many redirects, a truncated body or a network failure.
 * @throws TransferTimeoutError when nothing arrives for `timeout` ms; the signal's reason when aborted.
 *
 * @example
 * const path = await downloadFile({ url: info.downloadUrl, destPath: "downloads/report.pdf" });
 */
export async function downloadFile(options: DownloadFileOptions): Promise<string> {
  const o = checkTransferOptionNames("downloadFile options", options, [...downloadOptionKeys, "destPath"]);
  const download = validateDownloadOptions(o, "downloadFile");
  if (typeof options.destPath !== "string" || options.destPath === "") {
    throw new TransferOptionsError("downloadFile: destPath must be a non-empty file path");
  }
  const destPath = resolve(options.destPath);
  if ((await stat(destPath).catch(() => undefined))?.isDirectory()) {
    throw new TransferOptionsError(
      `downloadFile: destPath is a directory, expected a file path: ${destPath}`,
    );
  }
  try {
    await mkdir(dirname(destPath), { recursive: true });
  } catch (error) {
    throw new TransferOptionsError(`downloadFile: cannot create the folder of destPath: ${destPath}`, {
      cause: error,
    });
  }
  const tempPath = join(dirname(destPath), `.${basename(destPath)}.${randomBytes(6).toString("hex")}.part`);
  try {
    await withDownload(download, "downloadFile", async (response, scope) => {
      const total = contentLengthOf(response.headers);
      let received = 0;
      await pipeline(
        response.body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            scope.touch();
            received += chunk.byteLength;
            options.onProgress?.(received, total);
            yield chunk;
          }
        },
        createWriteStream(tempPath, { flags: "wx" }),
      );
      assertComplete(received, total, download.url);
    });
    await rename(tempPath, destPath);
    return destPath;
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

/**
 * Downloads a URL into memory, refusing bodies over `maxBytes` (checked against `Content-Length`
 * before reading, and while reading for servers that send none).
 *
 * @throws FileSizeTooLargeError when the body is larger than `maxBytes`.
 * @throws DownloadError, TransferTimeoutError, InvalidArgumentError as {@link downloadFile} does.
 *
 * @example
 * const bytes = await downloadToBuffer({ url: info.downloadUrl, maxBytes: 10_000_000 });
 */
export async function downloadToBuffer(options: DownloadToBufferOptions): Promise<Uint8Array> {
  const o = checkTransferOptionNames("downloadToBuffer options", options, [
    ...downloadOptionKeys,
    "maxBytes",
  ]);
  const download = validateDownloadOptions(o, "downloadToBuffer");
  // Required: without a cap, a download into memory could take any amount of it.
  if (options.maxBytes === undefined) {
    throw new TransferOptionsError(
      "downloadToBuffer: maxBytes is required (the most bytes to hold in memory)",
    );
  }
  const maxBytes = requireInteger("maxBytes", options.maxBytes, 0);
  return withDownload(download, "downloadToBuffer", async (response, scope) => {
    const total = contentLengthOf(response.headers);
    if (total !== null && total > maxBytes) throw new FileSizeTooLargeError(total, maxBytes);
    const bytes = await collectBytes(
      response.body,
      maxBytes,
      (received) => {
        scope.touch();
        options.onProgress?.(received, total);
      },
      (seen) => new FileSizeTooLargeError(seen, maxBytes),
    );
    assertComplete(bytes.byteLength, total, download.url);
    return bytes;
  });
}

/** Opens the scope, GETs the URL (redirects followed), rejects non-2xx, runs `use`, maps failures. */
async function withDownload<T>(
  { url, maxRedirects, settings }: CheckedDownload,
  owner: string,
  use: (response: FollowedResponse, scope: TransferScope) => Promise<T>,
): Promise<T> {
  const scope = TransferScope.open(settings);
  try {
    const response = await getFollowingRedirects(url, {
      dispatcher: scope.httpDispatcher,
      signal: scope.signal,
      maxRedirects,
    });
    scope.touch();
    if (response.statusCode < 200 || response.statusCode > 299) {
      discardBody(response.body);
      throw new DownloadError(
        `${owner}: ${redactUrl(url)} answered HTTP ${response.statusCode}`,
        response.statusCode,
      );
    }
    return await use(response, scope);
  } catch (error) {
    throw scope.failure(
      error,
      (message, cause) =>
        new DownloadError(`${owner}: ${redactUrl(url)} failed: ${message}`, null, { cause }),
    );
  } finally {
    await scope.close();
  }
}

/** The option names both downloads share. */
const downloadOptionKeys = ["url", "maxRedirects", "onProgress", ...transferOptionKeys];

/** What {@link validateDownloadOptions} checked and resolved. */
interface CheckedDownload {
  readonly url: URL;
  readonly maxRedirects: number;
  readonly settings: TransferSettings;
}

/** Checks the options both downloads share (unknown names are checked by the caller, who knows them all). */
function validateDownloadOptions(options: DownloadOptions, owner: string): CheckedDownload {
  const url = parseHttpUrl(options.url);
  if (!url) throw new TransferOptionsError(`${owner}: url must be an http or https URL`);
  const maxRedirects = requireInteger("maxRedirects", options.maxRedirects, DEFAULT_MAX_REDIRECTS);
  checkProgressCallback(options.onProgress);
  return { url, maxRedirects, settings: resolveTransferOptions(options) };
}

/** A body shorter than its `Content-Length` is a broken transfer, not a smaller file. */
function assertComplete(received: number, total: number | null, url: URL): void {
  if (total !== null && received !== total) {
    throw new DownloadError(`${redactUrl(url)}: received ${received} of ${total} bytes`, null);
  }
}
