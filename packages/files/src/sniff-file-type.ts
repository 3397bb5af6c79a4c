import { fileTypeFromBuffer } from "file-type";

/**
 * How many leading bytes are read to recognise a file's type: file-type's recommended sample size,
 * enough for every signature it knows while never touching the rest of the file.
 */
export const SNIFF_BYTES = 4100;

/** A type recognised from a file's leading bytes. */
export interface SniffedType {
  /** The recognised MIME type, e.g. `image/png`. */
  mimeType: string;
  /** Its usual extension, lower-case without the dot, e.g. `png`. */
  extension: string;
}

/** Recognises a file's type from (at most) its first {@link SNIFF_BYTES} bytes; `undefined` if unknown. */
export async function sniffFileType(head: Uint8Array): Promise<SniffedType | undefined> {
  try {
    const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
    return found ? { mimeType: found.mime, extension: found.ext } : undefined;
  } catch {
    // A truncated or odd sample is "unknown", never a failure of the file itself.
    return undefined;
  }
}
