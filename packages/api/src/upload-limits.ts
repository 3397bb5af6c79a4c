import { FileLimits } from "@tc/files";
import type { GetFileUploadLimitsResponse } from "./schemas/responses.js";

/**
 * The administrator's upload limits as last learned, from a `getFileUploadLimits` answer or push. Until anything
 * is learned nothing is checked (the server still enforces its limits with error 310).
 */
export class UploadLimits {
  #current: GetFileUploadLimitsResponse | undefined;
  #checker: FileLimits | undefined;

  /** The last known limits, or `undefined` before any were learned. */
  get current(): GetFileUploadLimitsResponse | undefined {
    return this.#current;
  }

  /** Replaces the known limits; `null` members clear that limit. */
  update(limits: GetFileUploadLimitsResponse): void {
    this.#current = limits;
    this.#checker = FileLimits.from({ maxSize: limits.maxSize, extensions: limits.extensions });
  }

  /** Throws `FileSizeTooLargeError` / `InvalidFileExtensionError` when a file breaks the known limits. */
  check(file: { fileName: string; fileSize: number }): void {
    this.#checker?.check(file);
  }
}
