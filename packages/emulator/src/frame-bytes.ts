/** How many leading bytes of a byte frame the log shows. */
const previewBytes = 32;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * How the frame log shows a frame that is not plain text: its kind, length and first 32 bytes in hex, so that a
 * large or garbled frame cannot blow up the log or the transcript.
 *
 * @example
 * describeBytes(Buffer.from([0xff, 0xfe]), "binary"); // "<binary 2 bytes fffe>"
 */
export function describeBytes(bytes: Uint8Array, kind: "binary" | "text, invalid UTF-8"): string {
  const preview = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, previewBytes));
  return `<${kind} ${bytes.length} bytes ${preview.toString("hex")}${bytes.length > previewBytes ? "…" : ""}>`;
}

/** The text of a text frame's bytes, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Joins what `ws` hands to a message listener (a Buffer, an ArrayBuffer or fragments) into one byte array. */
export function frameBytes(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
}
