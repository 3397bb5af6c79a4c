import { FileLimits } from "@tc/files";
import { ApiErrorException } from "@tc/transport";
import type { GetFileUploadLimitsResponse } from "./schemas/responses.js";

/**
 * The administrator's upload limits as last learned, from a `getFileUploadLimits` answer or push. Until anything
 * is learned nothing is checked (the server still enforces its limits with error 310).
 */
export class UploadLimits {
  #current: GetFileUploadLimitsResponse | undefined;
  #checker: FileLimits | undefined;
  #fetching: Promise<void> | undefined;
  #unsupported = false;

  /** The last known limits, or `undefined` before any were learned. */
  get current(): GetFileUploadLimitsResponse | undefined {
    return this.#current;
  }

  /** Replaces the known limits; `null` members clear that limit. */
  update(limits: GetFileUploadLimitsResponse): void {
    this.#current = limits;
    this.#checker = FileLimits.from({ maxSize: limits.maxSize, extensions: limits.extensions });
  }

  /**
   * Asks the server once (`fetch` is `getFileUploadLimits`, which calls {@link update}), unless a push or an
   * answer already told the limits or the server lacks the method. Concurrent uploads share one request; it never
   * rejects, because an upload goes on unchecked when the limits cannot be learned.
   */
  async learn(fetch: () => Promise<unknown>): Promise<void> {
    if (this.#current !== undefined || this.#unsupported) return;
    this.#fetching ??= fetch().then(
      () => undefined,
      (error: unknown) => {
        // An error code means the server has no such method (older than 5.5.3): stop asking. Anything else
        // (a lost connection) may pass; ask again next time.
        if (error instanceof ApiErrorException) this.#unsupported = true;
        this.#fetching = undefined;
      },
    );
    await this.#fetching;
  }

  /** Throws `FileSizeTooLargeError` / `InvalidFileExtensionError` when a file breaks the known limits. */
  check(file: { fileName: string; fileSize: number }): void {
    this.#checker?.check(file);
  }
}
