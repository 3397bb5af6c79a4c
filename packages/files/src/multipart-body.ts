import { randomBytes } from "node:crypto";
import { InputFileError } from "./input-file-error.js";

/** One file part of a multipart body, with the exact size its bytes must have. */
export interface MultipartFilePart {
  /** The form field name (`file`, `preview`). */
  name: string;
  /** The `filename` parameter; written as raw UTF-8. */
  fileName: string;
  /** The part's `Content-Type`. */
  contentType: string;
  /** The exact number of bytes `bytes` must yield. */
  size: number;
  /** The part's content, pulled only while the body is being sent. */
  bytes: AsyncIterable<Uint8Array>;
}

/** A `multipart/form-data` body produced chunk by chunk, with its length known up front. */
export interface MultipartBody {
  /** The `Content-Type` header value, boundary included. */
  contentType: string;
  /** The exact body length, for `Content-Length`. */
  length: number;
  /** The body; pulling it pulls the parts' sources, so nothing is buffered beyond one chunk. */
  chunks: AsyncIterable<Uint8Array>;
}

const encoder = new TextEncoder();
const CRLF = encoder.encode("\r\n");

/**
 * Encodes file parts as `multipart/form-data` without buffering them. Names are written as raw UTF-8
 * (so non-ASCII file names arrive byte for byte) with only `"`, CR and LF percent-escaped, as the
 * HTML standard and browsers do. Each part must yield exactly its declared size, or the body fails
 * with an {@link InputFileError} — the server was promised that size.
 *
 * `onBytes` is told the payload bytes (file content, not framing) as they are pulled.
 */
export function encodeMultipart(
  parts: readonly MultipartFilePart[],
  onBytes: (payloadBytes: number) => void,
): MultipartBody {
  const boundary = `----tcbot${randomBytes(12).toString("hex")}`;
  const heads = parts.map((part) =>
    encoder.encode(
      `--${boundary}\r\n` +
        `Content-Disposition: form-data; name="${escapeQuoted(part.name)}"; filename="${escapeQuoted(part.fileName)}"\r\n` +
        `Content-Type: ${part.contentType}\r\n\r\n`,
    ),
  );
  const tail = encoder.encode(`--${boundary}--\r\n`);
  const length =
    parts.reduce((sum, part, i) => sum + (heads[i]?.byteLength ?? 0) + part.size + CRLF.byteLength, 0) +
    tail.byteLength;

  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (const [i, part] of parts.entries()) {
      yield heads[i] as Uint8Array;
      let sent = 0;
      for await (const chunk of part.bytes) {
        sent += chunk.byteLength;
        if (sent > part.size) throw sizeMismatch(part, `more than ${part.size}`);
        onBytes(chunk.byteLength);
        yield chunk;
      }
      if (sent !== part.size) throw sizeMismatch(part, String(sent));
      yield CRLF;
    }
    yield tail;
  }

  return { contentType: `multipart/form-data; boundary=${boundary}`, length, chunks: chunks() };
}

function escapeQuoted(value: string): string {
  return value.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
}

function sizeMismatch(part: MultipartFilePart, actual: string): InputFileError {
  return new InputFileError(
    `The ${part.name} "${part.fileName}" yielded ${actual} bytes but its size was declared as ${part.size}`,
  );
}
