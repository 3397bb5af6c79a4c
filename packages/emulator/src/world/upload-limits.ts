import { EmulatorConfigError } from "../errors.js";

/** The administrator's upload limits, in the shape of the `getFileUploadLimits` payload. */
export interface UploadLimits {
  /** Largest accepted file in bytes; `null` = unlimited. */
  maxSize: number | null;
  /** Extension filter; `null` = none. Entries compare case-insensitively and without a leading dot. */
  extensions: { mode: "allow" | "block"; list: string[] } | null;
}

/** No limits: what a fresh server has. */
export const noUploadLimits: Readonly<UploadLimits> = Object.freeze({ maxSize: null, extensions: null });

/**
 * Check control-API input and return a private copy. Throws {@link EmulatorConfigError} on bad input.
 *
 * @example
 * checkUploadLimits({ maxSize: 1024, extensions: { mode: "block", list: ["exe"] } });
 */
export function checkUploadLimits(limits: UploadLimits): UploadLimits {
  if (typeof limits !== "object" || limits === null)
    throw new EmulatorConfigError("upload limits must be an object");
  const { maxSize, extensions } = limits;
  if (maxSize !== null && (!Number.isSafeInteger(maxSize) || maxSize < 0)) {
    throw new EmulatorConfigError(`maxSize must be null or an integer >= 0, got ${JSON.stringify(maxSize)}`);
  }
  if (extensions === null) return { maxSize, extensions: null };
  if (typeof extensions !== "object" || (extensions.mode !== "allow" && extensions.mode !== "block")) {
    throw new EmulatorConfigError('extensions must be null or { mode: "allow" | "block", list: string[] }');
  }
  if (!Array.isArray(extensions.list) || !extensions.list.every((entry) => typeof entry === "string")) {
    throw new EmulatorConfigError("extensions.list must be an array of strings");
  }
  return { maxSize, extensions: { mode: extensions.mode, list: [...extensions.list] } };
}

/** The lower-case extension of a file name without the dot; `""` when it has none. */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot <= 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Why the limits reject a file, or `undefined` when they accept it. An empty allow-list filters nothing (as the
 * Python SDK reads it); an extension-less name fails an allow-list and passes a block-list.
 *
 * @example
 * uploadRejection({ maxSize: 10, extensions: null }, "a.txt", 11); // "file size 11 exceeds the limit of 10 bytes"
 */
export function uploadRejection(
  limits: UploadLimits,
  fileName: string,
  fileSize: number,
): string | undefined {
  if (limits.maxSize !== null && fileSize > limits.maxSize) {
    return `file size ${fileSize} exceeds the limit of ${limits.maxSize} bytes`;
  }
  const filter = limits.extensions;
  if (filter === null || filter.list.length === 0) return undefined;
  const extension = extensionOf(fileName);
  const listed = filter.list.some((entry) => entry.replace(/^\.+/, "").toLowerCase() === extension);
  if (filter.mode === "allow" && !listed) return `extension "${extension}" is not in the allowed list`;
  if (filter.mode === "block" && listed) return `extension "${extension}" is blocked`;
  return undefined;
}
