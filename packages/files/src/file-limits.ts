import { extensionOf, extensionSuffixesOf } from "./file-name.js";
import { FileSizeTooLargeError, InvalidFileExtensionError } from "./file-validation-errors.js";
import { assertFileName, assertFileSize } from "./input-validation.js";

/** The upload limits as the server sends them (`getFileUploadLimits` and its push). */
export interface FileLimitsPayload {
  /** Bytes; `null` means unlimited. */
  maxSize?: number | null;
  /** The extension filter; `null` means none. */
  extensions?: { mode: "allow" | "block"; list: string[] } | null;
}

/** How an extension list is applied. */
export const ExtensionFilterMode = { ALLOW: "allow", BLOCK: "block" } as const;
/** `"allow"` or `"block"`. */
export type ExtensionFilterMode = (typeof ExtensionFilterMode)[keyof typeof ExtensionFilterMode];

/**
 * The server's upload limits, normalised so that checking is predictable whatever form the server
 * used: extension entries lose leading dots (and a `*.` glob prefix) and are lower-cased; an invalid,
 * zero or negative `maxSize` means "no size limit" (the server still enforces its own); an unknown
 * mode or a missing list means "no filter".
 *
 * @example
 * const limits = FileLimits.from({ maxSize: 10_000_000, extensions: { mode: "block", list: [".EXE"] } });
 * limits.check({ fileName: "setup.exe", fileSize: 1024 }); // throws InvalidFileExtensionError
 */
export class FileLimits {
  /** No limits at all: what applies until the server has said otherwise. */
  static readonly NONE: FileLimits = new FileLimits(null, null, new Set());

  /** The largest allowed file in bytes, or `null` for no limit. */
  readonly maxSize: number | null;
  /** Whether {@link extensions} lists allowed or blocked extensions; `null` when there is no filter. */
  readonly mode: ExtensionFilterMode | null;
  /** Normalised extensions: lower-case, no leading dot. */
  readonly extensions: ReadonlySet<string>;

  private constructor(
    maxSize: number | null,
    mode: ExtensionFilterMode | null,
    extensions: ReadonlySet<string>,
  ) {
    this.maxSize = maxSize;
    this.mode = mode;
    this.extensions = extensions;
  }

  /** Builds limits from a server payload, tolerating every form the sources show (see the class doc). */
  static from(payload: FileLimitsPayload | null | undefined): FileLimits {
    const rawMax = payload?.maxSize;
    const maxSize =
      typeof rawMax === "number" && Number.isFinite(rawMax) && rawMax > 0 ? Math.floor(rawMax) : null;
    const filter = payload?.extensions;
    const mode = filter?.mode === "allow" || filter?.mode === "block" ? filter.mode : null;
    const list = mode !== null && Array.isArray(filter?.list) ? filter.list : [];
    const extensions = new Set(list.map(normaliseExtension).filter((entry) => entry !== ""));
    return new FileLimits(maxSize, mode, extensions);
  }

  /**
   * Checks a file against the limits. The size is checked first. In `allow` mode a name must end in
   * a listed extension (a name without one fails, and an empty list allows nothing); in `block` mode
   * it must not. Compound entries such as `tar.gz` match too.
   *
   * @throws FileSizeTooLargeError when `fileSize` exceeds {@link maxSize}.
   * @throws InvalidFileExtensionError when the extension filter refuses the name.
   * @throws InputFileError when `file` has no valid name or size.
   */
  check(file: { fileName: string; fileSize: number }): void {
    assertFileName(file?.fileName, "FileLimits.check");
    assertFileSize(file.fileSize, "FileLimits.check");
    if (this.maxSize !== null && file.fileSize > this.maxSize) {
      throw new FileSizeTooLargeError(file.fileSize, this.maxSize);
    }
    if (this.mode === null) return;
    const suffixes = extensionSuffixesOf(file.fileName);
    const listed = suffixes.find((suffix) => this.extensions.has(suffix));
    if (this.mode === "allow" && listed === undefined) {
      throw new InvalidFileExtensionError(extensionOf(file.fileName), this.extensions, this.mode);
    }
    if (this.mode === "block" && listed !== undefined) {
      throw new InvalidFileExtensionError(listed, this.extensions, this.mode);
    }
  }
}

function normaliseExtension(entry: unknown): string {
  if (typeof entry !== "string") return "";
  return entry
    .trim()
    .replace(/^\*?\.+/, "")
    .toLowerCase();
}
