import { InputFileError } from "./input-file-error.js";

/** Rejects anything but a non-blank string as a file name. */
export function assertFileName(fileName: unknown, owner: string): asserts fileName is string {
  if (typeof fileName !== "string" || fileName.trim() === "") {
    throw new InputFileError(`${owner}: fileName must be a non-empty string`);
  }
}

/** Rejects anything but a non-negative safe integer as a byte count. */
export function assertFileSize(fileSize: unknown, owner: string): asserts fileSize is number {
  if (typeof fileSize !== "number" || !Number.isSafeInteger(fileSize) || fileSize < 0) {
    throw new InputFileError(`${owner}: fileSize must be a non-negative integer, got ${String(fileSize)}`);
  }
}

// type "/" subtype, then optional parameters; no control characters, so it is safe inside a header.
const mimeTypePattern = /^[\w.+-]+\/[\w.+-]+(\s*;[^\r\n\0]*)?$/;

/** Whether a value is a `type/subtype[; parameters]` string that is safe inside a header. */
export function isMimeType(value: unknown): value is string {
  return typeof value === "string" && mimeTypePattern.test(value);
}

/** Rejects a MIME type that is not `type/subtype[; parameters]` (and so could break a multipart header). */
export function assertMimeType(mimeType: unknown, owner: string): asserts mimeType is string {
  if (!isMimeType(mimeType)) {
    throw new InputFileError(
      `${owner}: mimeType must look like "type/subtype", got ${JSON.stringify(mimeType)}`,
    );
  }
}
