import { InvalidArgumentError, TrueConfChatBotError } from "@tc/core";

/**
 * The upload did not produce a usable `temporalFileId`: a non-2xx status (`status`), a body without a
 * valid id (`status` is the 2xx code), or a network failure before any response (`status` is `null`).
 */
export class UploadError extends TrueConfChatBotError {
  /** The HTTP status of the upload response, or `null` when none arrived. */
  readonly status: number | null;
  constructor(message: string, status: number | null, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/**
 * A download (or the fetch behind a `URLInputFile`) failed: a non-2xx status (`status`), too many
 * redirects, a body shorter than its `Content-Length`, or a network failure (`status` is `null`).
 */
export class DownloadError extends TrueConfChatBotError {
  /** The HTTP status of the last response, or `null` when none arrived. */
  readonly status: number | null;
  constructor(message: string, status: number | null, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** No byte moved in either direction for `timeout` milliseconds, so the transfer was abandoned. */
export class TransferTimeoutError extends TrueConfChatBotError {
  /** The inactivity limit that was reached, in milliseconds. */
  readonly timeout: number;
  constructor(timeout: number) {
    super(`No data was transferred for ${timeout} ms; the transfer was abandoned`);
    this.timeout = timeout;
  }
}

/**
 * An option given to `uploadFile`, `downloadFile` or `downloadToBuffer` is invalid (a bad URL, an empty
 * task id, a `destPath` that is a directory); nothing was sent. An `InvalidArgumentError`, like the
 * errors of the checks every option goes through (unknown names, a bad `timeout` or `verifySsl`).
 *
 * @example
 * await downloadFile({ url, destPath: "downloads" }); // TransferOptionsError: destPath is a directory
 */
export class TransferOptionsError extends InvalidArgumentError {}
