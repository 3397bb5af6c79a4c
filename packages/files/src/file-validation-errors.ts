import { LimitExceededError, TrueConfChatBotError } from "@tc/core";

/** A file breaks a rule the server's administrator configured (its extension filter). */
export class FileValidationError extends TrueConfChatBotError {}

/**
 * The file is larger than the server's `maxSize` (or than the `maxBytes` of an in-memory download).
 * `actualValue` is the size in bytes, `limit` the maximum; a `LimitExceededError` of `@tc/core`.
 *
 * @example
 * try { limits.check(description) } catch (e) {
 *   if (e instanceof LimitExceededError) console.log(`${e.actualValue} > ${e.limit}`);
 * }
 */
export class FileSizeTooLargeError extends LimitExceededError {
  constructor(actualValue: number, limit: number) {
    super(`File size ${actualValue} bytes exceeds the limit of ${limit} bytes`, actualValue, limit);
  }
}

/**
 * The file's extension is refused by the server's extension filter.
 *
 * @example
 * // limits: { mode: "block", list: ["exe"] }
 * limits.check({ fileName: "setup.exe", fileSize: 10 }); // throws: extension "exe", mode "block"
 */
export class InvalidFileExtensionError extends FileValidationError {
  /** The extension that failed (lower-case, no dot; `""` for a name without one). */
  readonly extension: string;
  /** The server's extension list, normalised (lower-case, no dots). */
  readonly extensions: ReadonlySet<string>;
  /** Whether the list allows or blocks the extensions it names. */
  readonly mode: "allow" | "block";
  constructor(extension: string, extensions: ReadonlySet<string>, mode: "allow" | "block") {
    const shown = extension === "" ? "a file without an extension" : `extension "${extension}"`;
    const rule = mode === "allow" ? "is not in the server's allow list" : "is in the server's block list";
    super(`File ${shown} ${rule}`);
    this.extension = extension;
    this.extensions = extensions;
    this.mode = mode;
  }
}
