import { TrueConfChatBotError } from "@tc/core";

/**
 * The server reports a file as NOT_AVAILABLE (`readyState` 0): it cannot be downloaded.
 *
 * @example
 * try { await api.downloadFileById(fileId); }
 * catch (e) { if (e instanceof FileNotAvailableError) console.log(e.fileId); }
 */
export class FileNotAvailableError extends TrueConfChatBotError {
  /** The file asked for. */
  readonly fileId: string;
  constructor(fileId: string) {
    super(`File ${fileId} is not available on the server.`);
    this.fileId = fileId;
  }
}

/**
 * A file that was still uploading did not become downloadable within the wait allowed by `downloadFileById`.
 *
 * @example
 * await api.downloadFileById(fileId, { timeout: 120_000 });
 */
export class FileNotReadyError extends TrueConfChatBotError {
  /** The file asked for. */
  readonly fileId: string;
  constructor(fileId: string, timeoutMs: number) {
    super(`File ${fileId} was not ready for download within ${timeoutMs} ms.`);
    this.fileId = fileId;
  }
}
